package io.homeward.store.internal.exchange;

import io.homeward.casemodel.exchange.ExchangeService.Identity;
import io.homeward.casemodel.exchange.ExchangeService.SignedPackage;
import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.casemodel.exchange.InboxEntry;
import io.homeward.casemodel.exchange.OutboxEntry;
import io.homeward.casemodel.exchange.Receipt;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.security.SecurityCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands of the exchange, run through {@code bin/homeward client} as the system subject
 * {@value SecurityCommands#CONSOLE} (see {@link SecurityCommands} for who may):
 * <ul>
 * <li>{@code exchange:identity}: this deployment's id and public key, and the partner configuration to give to
 * partners;</li>
 * <li>{@code exchange:outbox [CASE_ID]}, {@code exchange:inbox};</li>
 * <li>{@code exchange:export PACKAGE_ID FOLDER}: writes {@code <id>.json} and {@code <id>.json.sig} (Base64) for a
 * transfer as files;</li>
 * <li>{@code exchange:import FILE.json}: receives a package from {@code FILE.json} and {@code FILE.json.sig},
 * through the same checks as over HTTP.</li>
 * </ul>
 */
@Component(service = {})
public final class ExchangeCommands {

    private final ExchangeService exchange;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public ExchangeCommands(@Reference ExchangeService exchange, BundleContext context) {
        this.exchange = exchange;
        Map<String, Function<List<String>, String>> commands = Map.of("identity", args -> identity(),
                "outbox", this::outbox, "inbox", args -> inbox(), "export", this::export, "import", this::receive);
        commands.forEach((name, command) -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", "exchange");
            properties.put("osgi.command.function", name);
            org.apache.felix.service.command.Function function = (CommandSession session, List<Object> arguments) ->
                    SubjectContext.callAs(Subject.system(SecurityCommands.CONSOLE), () -> command.apply(
                            arguments.stream().map(String::valueOf).toList()));
            registrations.add(context.registerService(org.apache.felix.service.command.Function.class, function,
                    properties));
        });
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private String identity() {
        Identity identity = exchange.identity();
        return "deployment id: " + identity.deploymentId() + "\npublic key: " + identity.publicKey()
                + "\n\nA partner configures this deployment in its etc/" + ExchangePartner.FACTORY_PID
                + "-<name>.cfg:\nid = " + identity.deploymentId() + "\npublicKey = " + identity.publicKey()
                + "\nurl = <this deployment's base URL, https://...>\ncenter = <the center here that receives cases>\n";
    }

    private String outbox(List<String> args) {
        UUID caseId = args.isEmpty() ? null : uuid(args.get(0), "case id");
        StringBuilder out = new StringBuilder(String.format("%-36s %-20s %-20s %-10s %-8s %-20s %s%n", "PACKAGE",
                "CASE", "PARTNER", "STATUS", "ATTEMPTS", "PARTNER-CASE", "LAST-ERROR"));
        for (OutboxEntry e : exchange.outbox(caseId)) {
            out.append(String.format("%-36s %-20s %-20s %-10s %-8d %-20s %s%n", e.packageId(), e.caseNumber(),
                    e.partnerId(), e.status(), e.attempts(), Objects.toString(e.partnerCaseNumber(), "-"),
                    Objects.toString(e.lastError(), "-")));
        }
        return out.toString();
    }

    private String inbox() {
        StringBuilder out = new StringBuilder(String.format("%-20s %-36s %-20s %-20s %s%n", "PARTNER", "PACKAGE",
                "CASE", "SENDER-CASE", "RECEIVED"));
        for (InboxEntry e : exchange.inbox()) {
            out.append(String.format("%-20s %-36s %-20s %-20s %s%n", e.partnerId(), e.packageId(), e.caseNumber(),
                    e.senderCaseNumber(), e.receivedAt()));
        }
        return out.toString();
    }

    private String export(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("usage: exchange:export PACKAGE_ID FOLDER");
        }
        SignedPackage pkg = exchange.export(uuid(args.get(0), "package id"));
        Path json = Path.of(args.get(1)).resolve(pkg.packageId() + ".json");
        Path sig = json.resolveSibling(json.getFileName() + ".sig");
        try {
            Files.createDirectories(json.getParent());
            Files.write(json, pkg.content());
            Files.writeString(sig, Base64.getEncoder().encodeToString(pkg.signature()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the package files: " + e.getMessage(), e);
        }
        return "wrote " + json + " and " + sig;
    }

    private String receive(List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: exchange:import FILE.json (its signature in FILE.json.sig)");
        }
        Path json = Path.of(args.get(0));
        byte[] content;
        byte[] signature;
        try {
            content = Files.readAllBytes(json);
            signature = Base64.getDecoder().decode(Files.readString(json.resolveSibling(json.getFileName() + ".sig"),
                    StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package files: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the .sig file does not hold a Base64 signature");
        }
        Receipt receipt = exchange.receive(content, signature);
        return (receipt.duplicate() ? "already received: package " : "received: package ") + receipt.packageId()
                + " is case " + receipt.caseNumber();
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + what);
        }
    }
}
