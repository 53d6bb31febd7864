package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildAgeGuardTest {

    private final ChildAgeGuard guard = new ChildAgeGuard(Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aChildUnderEighteenIsAccepted() {
        assertTrue(guard.checkIntake(intake(LocalDate.parse("2008-06-02"))).isEmpty());
    }

    @Test
    void aChildWithoutKnownDateOfBirthIsAccepted() {
        assertTrue(guard.checkIntake(intake(null)).isEmpty());
    }

    @Test
    void anAdultIsRefusedWithAReasonForTheOperator() {
        var violations = guard.checkIntake(intake(LocalDate.parse("2008-06-01")));
        assertEquals(1, violations.size());
        assertEquals("persons", violations.get(0).field());
        assertTrue(violations.get(0).message().contains("18 years old"), violations.get(0).message());
    }

    private static NewCase intake(LocalDate dateOfBirth) {
        return new NewCase("${centerId}", "runaway", null, RiskLevel.HIGH, "left home after an argument", Map.of(),
                List.of(new PersonDetails(PersonRole.CHILD, "Family", "Given", null, dateOfBirth, null, null)));
    }
}
