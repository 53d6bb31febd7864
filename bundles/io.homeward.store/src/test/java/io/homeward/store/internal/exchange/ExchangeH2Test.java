package io.homeward.store.internal.exchange;

import io.homeward.store.internal.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExchangeContract} on an H2 file database, as the platform runs by default. */
class ExchangeH2Test extends ExchangeContract {

    @TempDir
    static Path folder;

    @Override
    protected Database.Settings settings() {
        return new Database.Settings("jdbc:h2:file:" + folder.resolve("db/homeward"), "", "", 4);
    }
}
