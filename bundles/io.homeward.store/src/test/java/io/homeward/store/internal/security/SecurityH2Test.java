package io.homeward.store.internal.security;

import io.homeward.store.internal.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SecurityContract} on an H2 file database, as the platform runs by default. */
class SecurityH2Test extends SecurityContract {

    @TempDir
    static Path folder;

    @Override
    protected Database.Settings settings() {
        return new Database.Settings("jdbc:h2:file:" + folder.resolve("db/homeward"), "", "", 4);
    }
}
