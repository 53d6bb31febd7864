package io.homeward.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint behind {@code bin/homeward client}: a TCP listener on 127.0.0.1 (ephemeral
 * port) that runs one Gogo command per connection. Its port and a random secret token are written to
 * {@code <homeward.data>/admin.port} and {@code admin.token}, readable by the owner only; only a
 * client that can read the token (the same OS user, or root) can run commands.
 *
 * <p>Protocol, UTF-8: the client sends the token and the command line, each ending with a newline;
 * the endpoint answers with the exit status on the first line ({@code 0} success, {@code 1} failure:
 * the command threw, was not found, or the token was wrong), then the output until end of stream.
 * Failures are reported by their message, never with a stack trace. Before the status line, a long
 * command may send progress lines, each starting with {@value #PROGRESS_PREFIX}: the endpoint offers
 * them as a {@code Consumer<String>} in the session variable {@value #PROGRESS_VARIABLE}, sends each
 * at once, and throws from it once the client has gone (so that the command can stop).
 */
@Component(immediate = true, service = {})
public class AdminEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    static final String PORT_FILE = "admin.port";
    static final String TOKEN_FILE = "admin.token";
    private static final int MAX_LINE = 64 * 1024;
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_CONCURRENT = 8;
    /** The session variable holding the progress channel of the running command. */
    static final String PROGRESS_VARIABLE = "homeward.progress";
    /** What starts a progress line; a status line is a number. */
    static final String PROGRESS_PREFIX = "~ ";

    private final CommandProcessor processor;
    private final Path data;
    private final byte[] token;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "homeward-admin");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final Thread acceptor;

    @Activate
    public AdminEndpoint(BundleContext context, @Reference CommandProcessor processor) throws IOException {
        this.processor = processor;
        this.data = Path.of(context.getProperty("homeward.data"));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String hex = HexFormat.of().formatHex(secret);
        this.token = hex.getBytes(StandardCharsets.US_ASCII);
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // the token must be in place before the port announces the endpoint
        writePrivate(data.resolve(TOKEN_FILE), hex);
        writePrivate(data.resolve(PORT_FILE), Integer.toString(server.getLocalPort()));
        acceptor = new Thread(this::accept, "homeward-admin-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Admin endpoint listening on 127.0.0.1:{}", server.getLocalPort());
    }

    @Deactivate
    void deactivate() {
        try {
            Files.deleteIfExists(data.resolve(PORT_FILE));
            Files.deleteIfExists(data.resolve(TOKEN_FILE));
            server.close();
        } catch (IOException e) {
            LOG.warn("Admin endpoint did not close cleanly: {}", e.getMessage());
        }
        workers.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                slots.acquire();
                workers.execute(() -> {
                    try (socket) {
                        handle(socket);
                    } catch (IOException e) {
                        LOG.debug("Admin connection failed: {}", e.getMessage());
                    } finally {
                        slots.release();
                    }
                });
            } catch (SocketException e) {
                return; // closed by deactivate
            } catch (IOException e) {
                LOG.warn("Admin endpoint accept failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(Socket socket) throws IOException {
        socket.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
        InputStream in = socket.getInputStream();
        String presented = readLine(in);
        String commandLine = readLine(in);
        // commands may run long (feature installs): no read timeout applies to them
        socket.setSoTimeout(0);
        OutputStream out = socket.getOutputStream();
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII))) {
            LOG.warn("Admin endpoint: connection with a wrong token refused");
            out.write("1\nrefused: wrong admin token (is the client using the same data directory?)\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (commandLine == null || commandLine.isBlank()) {
            out.write("1\nno command given\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Consumer<String> progress = line -> {
            synchronized (out) {
                try {
                    out.write((PROGRESS_PREFIX + line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("the client went away", e);
                }
            }
        };
        int status = execute(commandLine, new PrintStream(buffer, true, StandardCharsets.UTF_8), progress);
        out.write((status + "\n").getBytes(StandardCharsets.UTF_8));
        buffer.writeTo(out);
        out.flush();
    }

    /**
     * Runs one command line in a fresh session; returns the exit status.
     *
     * @param progress where the command's progress lines go, as they come
     */
    int execute(String commandLine, PrintStream out, Consumer<String> progress) {
        // only the command name is logged: arguments may be anything
        LOG.info("Admin command {}", commandLine.strip().split("\\s+", 2)[0]);
        CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out);
        session.put(PROGRESS_VARIABLE, progress);
        try {
            Object result = session.execute(commandLine);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                out.print(text);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    out.println();
                }
            }
            return 0;
        } catch (Exception e) {
            // Gogo's own failures read well too, e.g. "Command not found: bundle:lst"
            String message = e.getMessage();
            out.println(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
        } finally {
            session.close();
            out.flush();
        }
        return 1;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1;) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8).strip();
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line too long");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8).strip();
    }

    /** Writes a file only its owner can read, replacing any left over by a crashed instance. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp); // not a POSIX file system: rely on the data directory's permissions
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp + ": it appeared concurrently", e);
        }
        Files.writeString(temp, content + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
