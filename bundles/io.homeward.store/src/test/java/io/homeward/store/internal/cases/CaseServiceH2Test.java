package io.homeward.store.internal.cases;

import io.homeward.store.internal.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaseServiceContract} on an H2 file database in a temporary folder, as the platform runs by default. */
class CaseServiceH2Test extends CaseServiceContract {

    @TempDir
    static Path folder;

    @Override
    protected Database.Settings settings() {
        return new Database.Settings("jdbc:h2:file:" + folder.resolve("db/homeward"), "", "", 4);
    }
}
