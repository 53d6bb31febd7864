package io.homeward.store.internal.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.security.AuditTrail.Verification;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.db.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged case survives {@code kill -9}, with its audit entry: a child JVM opens cases through the authorized
 * case service from {@value DurabilityChild#WRITERS} threads and is killed (SIGKILL, no shutdown hooks) once it has
 * acknowledged some, {@value #ROUNDS} times on one database. Then every acknowledged case must be there, every stored
 * case must have its CASE_OPENED entry, and the audit chain must verify. With H2's default WRITE_DELAY of 500 ms the
 * last acknowledged cases would be lost; with the audit entry written after the change's commit (as before), cases
 * stored in the last moments had none; with two H2 transactions at once, H2 recovered a case whose number's counter
 * update it had rolled back, and the next intake took the same number (see Database). H2 2.5.x also cut off the
 * newest commits once it reused the space of dead chunks, 45 s into sustained writing, which this test's seconds do
 * not reach: {@code -Dhomeward.durability.acks=150000} soaks for minutes per round (docs/import.md).
 */
public abstract class DurabilityContract extends DatabaseContract {

    private static final int ACKNOWLEDGED_BEFORE_KILL = Integer.getInteger("homeward.durability.acks", 600);
    private static final int ROUNDS = 3;

    @Test
    void acknowledgedCasesAndTheirAuditEntriesSurviveKillDashNine() throws Exception {
        emptyTables(List.of()); // skipped without a database
        Database.Settings settings = settings();
        // the child opens the database itself: an H2 file has one process at a time
        database.close();
        List<UUID> acknowledged = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                acknowledged.addAll(acknowledgedBeforeKill(settings));
            }
        } finally {
            database = new StoreDatabase(settings);
        }

        CaseServiceImpl service = new CaseServiceImpl(database, new TestCenters(), new DirectPluginCalls(),
                Clock.systemUTC());
        assertEquals(List.of(), acknowledged.stream().filter(id -> service.find(id).isEmpty()).toList(),
                "acknowledged cases lost by kill -9");
        long unaudited = database.inTransaction(session -> ((Number) session.createNativeQuery("select count(*) from"
                + " hw_case c where not exists (select 1 from hw_audit a where a.case_id = c.id"
                + " and a.action = 'CASE_OPENED')", Object.class).getSingleResult()).longValue());
        assertEquals(0, unaudited, "stored cases without their CASE_OPENED audit entry");
        AuditLog audit = new AuditLog(database, new CaseAccess(database, new TestCenters(), Clock.systemUTC()),
                Clock.systemUTC());
        Verification verified = SubjectContext.callAs(Subject.system("durability-test"), audit::verify);
        assertTrue(verified.intact(), verified.toString());
    }

    /** @return the ids the child acknowledged before it was killed */
    private static List<UUID> acknowledgedBeforeKill(Database.Settings settings) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.jboss.logging.provider=slf4j",
                DurabilityChild.class.getName(), settings.url(), Integer.toString(ACKNOWLEDGED_BEFORE_KILL + 500))
                .redirectErrorStream(true).start();
        List<UUID> acknowledged = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(UUID.fromString(line.substring(4)));
                } else if (other.size() < 40) {
                    other.add(line);
                }
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child was killed");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(ACKNOWLEDGED_BEFORE_KILL, acknowledged.size(), "the child acknowledged cases before it died:\n"
                + String.join("\n", other));
        return acknowledged;
    }
}
