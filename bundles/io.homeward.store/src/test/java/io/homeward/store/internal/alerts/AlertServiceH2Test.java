package io.homeward.store.internal.alerts;

import io.homeward.store.internal.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link AlertServiceContract} on an H2 file database, as the platform runs by default. */
class AlertServiceH2Test extends AlertServiceContract {

    @TempDir
    static Path folder;

    @Override
    protected Database.Settings settings() {
        return new Database.Settings("jdbc:h2:file:" + folder.resolve("db/homeward"), "", "", 4);
    }
}
