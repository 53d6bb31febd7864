package io.homeward.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps demo and production apart in one data directory: a directory once run with {@code --demo} is marked, and
 * holds demo users whose password is public (docs/demo-users.md). Started without {@code --demo} it is refused, and
 * so is {@code --demo} on a directory that holds a database of a production run — never both silently. The mark is a
 * file beside the database it describes; a database on PostgreSQL is outside it, so keep demo databases apart there.
 */
final class DataMode {

    /** The mark of a data directory used in demo mode. */
    static final String DEMO_MARK = "demo-mode";

    private DataMode() {
    }

    /**
     * Marks a directory that is run in demo mode for the first time.
     *
     * @return why the directory cannot be used in this mode, in one line saying what to do; null when it can
     */
    static String check(Path data, boolean demo) throws IOException {
        Path mark = data.resolve(DEMO_MARK);
        boolean marked = Files.exists(mark);
        if (!demo && marked) {
            return data + " holds a demo deployment, whose demo users have a public password: run it with --demo,"
                    + " or run production with another --data directory (or delete " + data + " to start afresh)";
        }
        if (demo && !marked && Files.isDirectory(data.resolve("db"))) {
            return data + " holds the database of a production run: --demo would add demo users with a public"
                    + " password to it; run the demo with another --data directory";
        }
        if (demo && !marked) {
            Files.writeString(mark, "This data directory was run with --demo: its demo users have a public password."
                    + " Never run it in production.\n");
        }
        return null;
    }
}
