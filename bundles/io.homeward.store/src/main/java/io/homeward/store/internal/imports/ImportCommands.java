package io.homeward.store.internal.imports;

import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.security.SecurityCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo command {@code cases:import --center ID FILE}, run through {@code bin/homeward client} as the system
 * subject {@value SecurityCommands#CONSOLE} (see {@link SecurityCommands} for who may): imports the legacy records of
 * a center from a file of JSON lines ({@link CaseImporter}, docs/import.md). While it runs it reports its progress
 * every {@value #PROGRESS_SECONDS} seconds through the admin endpoint's progress channel (the session variable
 * {@value #PROGRESS_VARIABLE}, when the endpoint offers one); at the end it prints every refused line with its
 * reasons and the counts. It fails (client exit status 1) when a line was refused, the file cannot be read or the
 * import stopped early; running it again imports only what is missing. When the client goes away, the import stops
 * after the batch being written.
 */
@Component(service = {})
public final class ImportCommands {

    /**
     * The session variable in which {@code io.homeward.shell}'s admin endpoint offers a
     * {@code Consumer<String>} that sends a line to the client at once, before the command's output.
     */
    static final String PROGRESS_VARIABLE = "homeward.progress";
    static final int PROGRESS_SECONDS = 2;
    private static final String USAGE = "usage: cases:import --center CENTER_ID FILE (JSON lines, see docs/import.md)";

    private final CaseImporter importer;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ImportCommands(@Reference CaseImporter importer, BundleContext context) {
        this.importer = importer;
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "cases");
        properties.put("osgi.command.function", "import");
        Function function = (CommandSession session, List<Object> arguments) ->
                SubjectContext.callAs(Subject.system(SecurityCommands.CONSOLE), () -> run(
                        arguments.stream().map(String::valueOf).toList(), progressChannel(session)));
        registrations.add(context.registerService(Function.class, function, properties));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    /**
     * Runs the command.
     *
     * @param progress where progress lines go as they come; may ignore them
     * @return the report of a complete import
     * @throws IllegalStateException with the report, when a line was refused or the import stopped early
     * @throws IllegalArgumentException when the arguments are wrong or the file cannot be read
     */
    String run(List<String> args, Consumer<String> progress) {
        String centerId = null;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--center") && i + 1 < args.size()) {
                centerId = args.get(++i);
            } else if (file == null && !args.get(i).startsWith("--")) {
                file = args.get(i);
            } else {
                throw new IllegalArgumentException(USAGE);
            }
        }
        if (centerId == null || file == null) {
            throw new IllegalArgumentException(USAGE);
        }
        Path path = Path.of(file);
        ImportSummary summary;
        try (InputStream in = Files.newInputStream(path)) {
            long[] last = {System.nanoTime()};
            summary = importer.importCases(centerId, in, String.valueOf(path.getFileName()),
                    SecurityCommands.CONSOLE, counts -> {
                        long now = System.nanoTime();
                        if (now - last[0] >= PROGRESS_SECONDS * 1_000_000_000L) {
                            last[0] = now;
                            progress.accept(counts.describe());
                        }
                    });
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + describe(e)
                    + "; what was imported before stays, run the import again to resume");
        }
        String report = report(centerId, path, summary);
        if (!summary.complete()) {
            // a failure, so that the client exits non-zero
            throw new IllegalStateException(report);
        }
        return report;
    }

    static String report(String centerId, Path path, ImportSummary summary) {
        StringBuilder out = new StringBuilder();
        for (ImportSummary.Refusal refusal : summary.refusals()) {
            out.append("line ").append(refusal.line()).append(" refused: ").append(refusal.reason()).append('\n');
        }
        if (summary.unlisted() > 0) {
            out.append("... and ").append(summary.unlisted()).append(" more refused lines, not listed\n");
        }
        ImportProgress counts = summary.counts();
        out.append(String.format(Locale.ROOT, "import of %s for center %s: %s; %.0f cases/s%n", path, centerId,
                counts.describe(), counts.importRate()));
        if (summary.stopped() != null) {
            out.append("the import stopped before the end of the file: ").append(summary.stopped()).append('\n');
        } else if (counts.refused() > 0) {
            out.append("fix the refused lines and run the import again: only what is missing is imported\n");
        }
        return out.toString();
    }

    /** @return the admin endpoint's progress channel, or one that drops what it is given */
    @SuppressWarnings("unchecked")
    private static Consumer<String> progressChannel(CommandSession session) {
        Object channel = session.get(PROGRESS_VARIABLE);
        return channel instanceof Consumer<?> consumer ? (Consumer<String>) consumer : line -> { };
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
        return kind == null ? e.getClass().getSimpleName() : kind;
    }
}
