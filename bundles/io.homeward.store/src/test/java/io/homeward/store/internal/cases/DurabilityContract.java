package io.homeward.store.internal.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.TestCenters;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged case survives {@code kill -9}: a child JVM opens cases on an H2 file database and is killed
 * (SIGKILL, no shutdown hooks) right after acknowledging some; every acknowledged case must be there when the
 * database is opened again. With H2's default WRITE_DELAY of 500 ms the last acknowledged cases would be lost. The
 * child is killed after seconds of intake, not at its first cases: H2 also lost the last one or two acknowledged
 * cases once it reused the space of dead chunks within seconds (RETENTION_TIME of 0 or 1 s, or its background
 * compaction), which only sustained writing reaches. H2 reuses a dead chunk's space 45 s after it died, which this
 * test's few seconds never reach: {@code -Dhomeward.durability.acks=150000} soaks for about two minutes, and then
 * still loses the last one to three acknowledged cases (three runs of three, with the store's H2 housekeeping and
 * without it): not solved, see docs/import.md.
 */
class H2DurabilityTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = Integer.getInteger("homeward.durability.acks", 1_500);

    @TempDir
    Path folder;

    @Test
    void acknowledgedCasesSurviveKillingTheProcess() throws Exception {
        Path db = folder.resolve("db/homeward");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.jboss.logging.provider=slf4j",
                DurabilityChild.class.getName(), db.toString(), Integer.toString(ACKNOWLEDGED_BEFORE_KILL + 500))
                .redirectErrorStream(true).start();
        List<UUID> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(UUID.fromString(line.substring(4)));
                }
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child was killed");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(ACKNOWLEDGED_BEFORE_KILL, acknowledged.size(), "the child acknowledged cases before it died");

        try (Database database = new StoreDatabase(new Database.Settings("jdbc:h2:file:" + db, "", "", 2))) {
            CaseServiceImpl service = new CaseServiceImpl(database, new TestCenters(), new DirectPluginCalls(),
                    Clock.systemUTC());
            List<UUID> lost = acknowledged.stream().filter(id -> service.find(id).isEmpty()).toList();
            assertEquals(List.of(), lost, "acknowledged cases lost by kill -9");
        }
    }
}
