package ${package}.internal;

import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.casemodel.spi.CenterPlugin;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * An example hook: ${centerName} opens cases for minors only, so an intake whose child is known to be 18 or
 * older is refused with a message for the operator. Unknown dates of birth pass: a hotline call rarely
 * yields everything at once.
 *
 * <p>A hook is an OSGi service. Its {@code homeward.center} property ties it to this
 * center: the platform consults it for this center's cases only. Replace this rule with your own, or
 * delete the class if data in {@code center.xml} expresses all your rules.
 */
@Component(property = CenterPlugin.CENTER_PROPERTY + "=${centerId}")
public final class ChildAgeGuard implements CaseGuard {

    static final int AGE_OF_MAJORITY = 18;

    private final Clock clock;

    @Activate
    public ChildAgeGuard() {
        this(Clock.systemUTC());
    }

    ChildAgeGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Violation> checkIntake(NewCase intake) {
        LocalDate today = LocalDate.now(clock);
        List<Violation> violations = new ArrayList<>();
        for (PersonDetails person : intake.persons()) {
            if (person.role() == PersonRole.CHILD && person.ageOn(today) >= AGE_OF_MAJORITY) {
                violations.add(new Violation("persons", "the missing person is " + person.ageOn(today)
                        + " years old: ${centerName} opens cases for children under " + AGE_OF_MAJORITY
                        + " only; refer adults to the police"));
            }
        }
        return violations;
    }
}
