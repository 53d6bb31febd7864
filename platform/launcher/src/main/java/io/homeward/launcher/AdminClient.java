package io.homeward.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.homeward.launcher.Main.UsageException;

/**
 * {@code homeward client [--data DIR] COMMAND [ARGS...]}: runs one Gogo command in the running
 * instance through the loopback admin endpoint of io.homeward.shell.
 *
 * <p>Protocol (one command per connection, UTF-8): the client sends the secret token from
 * {@code data/admin.token} and the command line, each ending with a newline; the server answers
 * with the exit status on the first line followed by the command output until end of stream. Before
 * the status line a long command may send progress lines starting with {@value #PROGRESS_PREFIX},
 * which the client shows on standard error as they come.
 */
final class AdminClient {

    static final String PORT_FILE = "admin.port";
    static final String TOKEN_FILE = "admin.token";
    static final String PROGRESS_PREFIX = "~ ";
    private static final Pattern LOCAL_FILE = Pattern.compile(".+\\.(jar|json|jsonl|ndjson)");
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_.,:/@%+=-]+");

    private AdminClient() {
    }

    static int run(String[] args) {
        Path data = null;
        int i = 0;
        if (args.length > 1 && args[0].equals("--data")) {
            data = Path.of(args[1]).toAbsolutePath().normalize();
            i = 2;
        }
        if (i >= args.length) {
            throw new UsageException("client needs a command, e.g. 'homeward client bundle:list'");
        }
        if (data == null) {
            data = RunOptions.dataDirectory(System.getenv(), Home.locate());
        }
        List<String> words = new ArrayList<>();
        for (; i < args.length; i++) {
            words.add(quote(absoluteIfLocalFile(args[i])));
        }
        try {
            return execute(data, String.join(" ", words));
        } catch (NoSuchFileException | ConnectException e) {
            System.err.println("homeward: no running instance with data directory " + data);
        } catch (IOException e) {
            System.err.println("homeward: cannot talk to the running instance: " + e.getMessage());
        }
        return Main.EXIT_FAILURE;
    }

    /**
     * The platform runs in another directory than the user's shell: a file named relative to where the user is
     * (plugin:deploy my-plugin.jar, cases:import --center cf legacy.jsonl, exchange:import package.json) is passed
     * on as an absolute path. Only names with these endings are looked at, so that a user name or label that happens
     * to name a file here is left alone.
     */
    private static String absoluteIfLocalFile(String arg) {
        if (LOCAL_FILE.matcher(arg).matches() && !arg.startsWith("-")) {
            Path path = Path.of(arg);
            if (!path.isAbsolute() && Files.isRegularFile(path)) {
                return path.toAbsolutePath().normalize().toString();
            }
        }
        return arg;
    }

    private static int execute(Path data, String commandLine) throws IOException {
        int port = Integer.parseInt(Files.readString(data.resolve(PORT_FILE)).trim());
        String token = Files.readString(data.resolve(TOKEN_FILE)).trim();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write((token + "\n" + commandLine + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            while (statusLine != null && statusLine.startsWith(PROGRESS_PREFIX)) {
                System.err.println(statusLine.substring(PROGRESS_PREFIX.length()));
                statusLine = in.readLine();
            }
            if (statusLine == null) {
                throw new IOException("the instance closed the connection without an answer");
            }
            int status = Integer.parseInt(statusLine.trim());
            StringBuilder output = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) >= 0;) {
                output.append(buffer, 0, n);
            }
            (status == 0 ? System.out : System.err).print(output);
            return status;
        } catch (NumberFormatException e) {
            throw new IOException("unexpected answer from the admin endpoint");
        }
    }

    /** Quotes an argument for the Gogo parser unless it is a plain word. */
    static String quote(String arg) {
        if (PLAIN_WORD.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
