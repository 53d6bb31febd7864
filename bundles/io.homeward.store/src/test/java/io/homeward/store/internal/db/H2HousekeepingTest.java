package io.homeward.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.store.internal.StoreDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file of a database written one small commit at a time comes back near the size of its data: without the
 * housekeeping, each commit's chunk kept its space for good once a later commit left one page of it live (8,000
 * commits: 200 MB, and so it stayed; with it, 130 MB after the burst and 25 MB a second later).
 */
class H2HousekeepingTest {

    private static final int COMMITS = 8_000;
    /** 40,000 rows of about 100 bytes (4 MB) in a file this size at most: 25 MB with the housekeeping, 200 without. */
    private static final long MOST_BYTES = 48L << 20;

    @TempDir
    Path folder;

    @Test
    void theFileOfADatabaseWrittenCommitByCommitStaysNearTheSizeOfItsData() throws Exception {
        Path file = folder.resolve("homeward.mv.db");
        // RETENTION_TIME=0 lets H2 reuse a chunk's space as soon as it is dead rather than 45 s later, so that the
        // test shows in seconds what happens over minutes
        try (Database database = new StoreDatabase(new Database.Settings("jdbc:h2:file:" + folder.resolve("homeward")
                + ";RETENTION_TIME=0", "", "", 2))) {
            database.inTransaction(session -> session.createNativeMutationQuery("create table written (id uuid"
                    + " primary key, word varchar(60), case_id uuid)").executeUpdate()
                    + session.createNativeMutationQuery("create index written_ix on written (word, case_id)")
                    .executeUpdate());
            for (int i = 0; i < COMMITS; i++) {
                write(database);
            }
            long afterBurst = size(file);
            // then an intake now and then, as a center's day goes on: each commit lets H2 reuse what is dead
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (size(file) > MOST_BYTES && System.nanoTime() < deadline) {
                write(database);
                Thread.sleep(100);
            }
            assertTrue(size(file) <= MOST_BYTES, "the file holds " + (size(file) >> 20) + " MB (" + (afterBurst >> 20)
                    + " MB after the burst) for 4 MB of rows");
        }
    }

    /** Commits five rows, each row in another place of its two indexes, as a case with its name keys. */
    private static void write(Database database) {
        UUID caseId = UUID.randomUUID();
        database.inTransaction(session -> {
            for (int row = 0; row < 5; row++) {
                session.createNativeMutationQuery("insert into written values (?, ?, ?)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, UUID.randomUUID().toString())
                        .setParameter(3, caseId).executeUpdate();
            }
            return null;
        });
    }

    private static long size(Path file) throws IOException {
        return Files.size(file);
    }
}
