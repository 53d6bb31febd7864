package io.homeward.store.internal.cases;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The process that {@link H2DurabilityTest} kills: opens cases on the H2 file database named by its argument
 * and prints {@code ACK <id>} once each open has returned, as a caller would acknowledge it; at most as many as its
 * second argument says, so that a parent that died cannot leave it running for long.
 */
public final class DurabilityChild {

    private DurabilityChild() {
    }

    public static void main(String[] args) {
        Database database = new StoreDatabase(new Database.Settings("jdbc:h2:file:" + args[0], "", "", 2));
        CaseServiceImpl service = new CaseServiceImpl(database, new TestCenters(), new DirectPluginCalls(),
                Clock.systemUTC());
        int most = Integer.parseInt(args[1]);
        for (int i = 0; i < most; i++) {
            Case opened = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.LOW, "test", Map.of(),
                    List.of(new PersonDetails(PersonRole.CHILD, null, null, null, null, null, null))), "durability");
            System.out.println("ACK " + opened.id());
            System.out.flush();
        }
        database.close();
    }
}
