package io.homeward.store.internal.cases;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process that {@link DurabilityContract} kills: opens cases on the database its first argument names (a JDBC
 * URL), through the authorized case service as a hotline operator would, from {@value #WRITERS} threads, and prints
 * {@code ACK <id>} once each open has returned, as a caller would acknowledge it; at most as many as its second
 * argument says, so that a parent that died cannot leave it running for long.
 */
public final class DurabilityChild {

    static final int WRITERS = 2;

    private DurabilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = new StoreDatabase(new Database.Settings(args[0], "", "", WRITERS + 2));
        TestCenters centers = new TestCenters();
        CaseServiceImpl cases = new CaseServiceImpl(database, centers, new DirectPluginCalls(), Clock.systemUTC());
        CaseAccess access = new CaseAccess(database, centers, Clock.systemUTC());
        AuthorizedCaseService service = new AuthorizedCaseService(cases, access, new AuditLog(database, access,
                Clock.systemUTC()));
        Subject operator = Subject.user("durability", TestCenters.OTHER, Set.of(Role.HOTLINE_OPERATOR));
        AtomicInteger left = new AtomicInteger(Integer.parseInt(args[1]));
        Thread[] writers = new Thread[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            writers[w] = new Thread(() -> {
                while (left.decrementAndGet() >= 0) {
                    Case opened = SubjectContext.callAs(operator, () -> service.open(new NewCase(TestCenters.OTHER,
                            "lost", null, RiskLevel.LOW, "test", Map.of(), List.of(new PersonDetails(PersonRole.CHILD,
                                    null, null, null, null, null, null))), null));
                    synchronized (System.out) {
                        System.out.println("ACK " + opened.id());
                        System.out.flush();
                    }
                }
            });
            writers[w].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        database.close();
    }
}
