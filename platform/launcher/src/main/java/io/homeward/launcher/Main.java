package io.homeward.launcher;

import java.util.Arrays;

/**
 * Entry point of {@code bin/homeward}. The script handles {@code start}, {@code stop} and
 * {@code status} itself (they only manage a background {@code run}); this class runs the platform
 * in the foreground ({@code run}) or sends one admin command to a running instance ({@code client}).
 *
 * <p>Exit status: 0 on success, 1 on failure, 2 on a usage error.
 */
public final class Main {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage("missing command");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status;
        try {
            switch (args[0]) {
                case "run" -> status = new Launcher(RunOptions.parse(rest)).run();
                case "client" -> status = AdminClient.run(rest);
                case "help", "--help", "-h" -> {
                    System.out.println(USAGE);
                    status = 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            usage(e.getMessage());
            return;
        }
        System.exit(status);
    }

    private static void usage(String problem) {
        System.err.println("homeward: " + problem);
        System.err.println(USAGE);
        System.exit(EXIT_USAGE);
    }

    static final String USAGE = """
            usage: homeward run [--features a,b] [--port N] [--data DIR] [--demo]
                   homeward start [run options]     run in the background
                   homeward stop|status [--data DIR]
                   homeward client [--data DIR] COMMAND [ARGS...]
            The data directory defaults to $HOMEWARD_DATA, else <home>/data; the HTTP port to
            $HOMEWARD_PORT, else 8080.""";

    /** A command line the user has to correct; reported with the usage text. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
