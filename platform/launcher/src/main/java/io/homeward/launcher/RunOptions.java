package io.homeward.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.homeward.launcher.Main.UsageException;

/**
 * Options of {@code homeward run}, with the defaults from the environment applied.
 *
 * @param home     installation directory (holds bin, etc, lib, system, features, deploy)
 * @param data     absolute data directory (framework cache, logs, database, state)
 * @param port     HTTP port
 * @param features features to install at boot besides {@code homeward-core} and the persisted ones
 * @param demo     whether to seed the demo users and cases
 */
record RunOptions(Path home, Path data, int port, List<String> features, boolean demo) {

    static final int DEFAULT_PORT = 8080;

    static RunOptions parse(String[] args) {
        return parse(args, System.getenv(), Home.locate());
    }

    static RunOptions parse(String[] args, Map<String, String> env, Path home) {
        Path data = null;
        Integer port = null;
        List<String> features = new ArrayList<>();
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--port" -> port = parsePort(value(args, ++i, arg), arg);
                case "--features" -> Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::trim).filter(f -> !f.isEmpty()).forEach(features::add);
                case "--demo" -> demo = true;
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (data == null) {
            data = dataDirectory(env, home);
        }
        if (port == null) {
            String fromEnv = env.get("HOMEWARD_PORT");
            port = fromEnv == null || fromEnv.isBlank() ? DEFAULT_PORT : parsePort(fromEnv, "HOMEWARD_PORT");
        }
        return new RunOptions(home, data.toAbsolutePath().normalize(), port, List.copyOf(features), demo);
    }

    /** The data directory when no {@code --data} is given: {@code $HOMEWARD_DATA}, else {@code <home>/data}. */
    static Path dataDirectory(Map<String, String> env, Path home) {
        String fromEnv = env.get("HOMEWARD_DATA");
        Path data = fromEnv == null || fromEnv.isBlank() ? home.resolve("data") : Path.of(fromEnv);
        return data.toAbsolutePath().normalize();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String value, String source) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending value
        }
        throw new UsageException(source + ": '" + value + "' is not a port number (0-65535)");
    }
}
