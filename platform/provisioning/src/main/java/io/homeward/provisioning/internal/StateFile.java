package io.homeward.provisioning.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A list of names that survives a restart, one a line: the installed features
 * ({@code <homeward.data>/features.state}) or the versions a plugin was deployed in. Written
 * atomically, so a crash leaves either the old or the new list.
 */
final class StateFile {

    private final Path file;
    private final String header;

    /** The installed features' file. */
    StateFile(Path file) {
        this(file, "features installed with feature:install; edited by Homeward");
    }

    /** @param header the comment written on the first line */
    StateFile(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    Set<String> read() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Writes the names sorted. */
    void write(Collection<String> names) throws IOException {
        writeInOrder(new TreeSet<>(names));
    }

    /** Writes the names in the order given; {@link #read()} returns them in that order. */
    void writeInOrder(Collection<String> names) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder("# " + header + "\n");
        names.forEach(n -> text.append(n).append('\n'));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
