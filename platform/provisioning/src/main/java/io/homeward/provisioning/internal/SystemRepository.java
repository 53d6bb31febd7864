package io.homeward.provisioning.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import io.homeward.provisioning.ProvisioningException;

/**
 * Resolves {@code mvn:groupId/artifactId/version[/type[/classifier]]} locations to files of the
 * distribution's {@code system/} folder in Maven repository layout. Never touches the network:
 * what is not in {@code system/} does not exist.
 */
final class SystemRepository {

    private final Path root;

    SystemRepository(Path root) {
        this.root = root;
    }

    /**
     * @return the file for the location, which exists
     * @throws ProvisioningException naming the location and the path looked for when there is no such file
     */
    Path resolve(String location) throws ProvisioningException {
        Path file = path(location);
        if (!Files.isRegularFile(file)) {
            throw new ProvisioningException("bundle " + location + " is not in the system repository: looked for " + file);
        }
        return file;
    }

    /** Maps a location to its path in Maven layout, whether or not the file exists. */
    Path path(String location) throws ProvisioningException {
        String[] parts = location.startsWith("mvn:") ? location.substring(4).split("/", -1) : new String[0];
        if (parts.length < 3 || parts.length > 5 || java.util.Arrays.stream(parts).anyMatch(p -> p.isBlank() || p.contains(".."))) {
            throw new ProvisioningException("'" + location + "' is not a mvn:groupId/artifactId/version[/type[/classifier]] location");
        }
        String group = parts[0];
        String artifact = parts[1];
        String version = parts[2];
        String type = parts.length > 3 ? parts[3] : "jar";
        String classifier = parts.length > 4 ? "-" + parts[4] : "";
        return root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + classifier + "." + type);
    }
}
