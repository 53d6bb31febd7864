package io.homeward.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void withoutAUrlTheStoreUsesADurableH2FileUnderTheDataFolder() {
        Database.Settings settings = Database.Settings.of(config("", "", "", 10), "/srv/homeward/data");
        assertEquals("jdbc:h2:file:/srv/homeward/data/db/homeward;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;"
                + "LOCK_TIMEOUT=10000", settings.url());
        assertEquals(10, settings.poolSize());
    }

    @Test
    void withoutADataFolderTheDatabaseIsUnderDataInTheWorkingDirectory() {
        String expected = "jdbc:h2:file:" + Path.of("data/db/homeward").toAbsolutePath() + ";";
        assertEquals(expected, Database.Settings.of(config("", "", "", 10), null).url().substring(0, expected.length()));
    }

    @Test
    void aConfiguredUrlIsUsedAsGivenExceptThatH2FilesAreMadeDurable() {
        String postgres = "jdbc:postgresql://db:5432/homeward";
        Database.Settings settings = Database.Settings.of(config(postgres, "homeward", "secret", 20), "/ignored");
        assertEquals(postgres, settings.url());
        assertEquals("homeward", settings.user());
        assertEquals("secret", settings.password());
        assertEquals(20, settings.poolSize());

        assertEquals("jdbc:h2:file:/x;write_delay=100;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
                Database.Settings.durable("jdbc:h2:file:/x;write_delay=100"), "an explicit choice stands");
        assertEquals("jdbc:h2:mem:test", Database.Settings.durable("jdbc:h2:mem:test"));
    }

    @Test
    void passwordsNeverShowInSettingsOrLoggedUrls() {
        Database.Settings settings = new Database.Settings("jdbc:postgresql://db/h?user=u&password=pw", "u", "pw", 5);
        assertFalse(settings.toString().contains("pw"), settings.toString());
        assertEquals("jdbc:postgresql://db/h", Database.redacted(settings.url()));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Database.Settings(" ", "", "", 5));
        assertThrows(IllegalArgumentException.class, () -> new Database.Settings("jdbc:h2:mem:x", "", "", 0));
    }

    private static StoreConfiguration config(String url, String user, String password, int poolSize) {
        return new StoreConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfiguration.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String _password() {
                return password;
            }

            @Override
            public int poolSize() {
                return poolSize;
            }

            @Override
            public long attachmentMaxBytes() {
                return StoreConfiguration.DEFAULT_ATTACHMENT_MAX_BYTES;
            }
        };
    }
}
