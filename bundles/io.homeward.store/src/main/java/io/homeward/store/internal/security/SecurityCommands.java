package io.homeward.store.internal.security;

import io.homeward.casemodel.security.AccountService;
import io.homeward.casemodel.security.ApiToken;
import io.homeward.casemodel.security.AuditTrail;
import io.homeward.casemodel.security.IssuedToken;
import io.homeward.casemodel.security.NewAccount;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.security.User;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for accounts and the audit trail, run through {@code bin/homeward client} by whoever can read the
 * instance's admin token (the operating-system account that runs it). They act as the system subject
 * {@value #CONSOLE}, which the audit trail names.
 * <ul>
 * <li>{@code user:list}, {@code user:add USERNAME CENTER|- ROLE[,ROLE] [DISPLAY NAME]} (prints a one-time
 * password), {@code user:disable USERNAME}, {@code user:enable USERNAME};</li>
 * <li>{@code user:token-issue USERNAME LABEL} (prints the token once), {@code user:token-revoke ID},
 * {@code user:tokens};</li>
 * <li>{@code audit:verify}: fails (client exit status 1) naming the first broken link.</li>
 * </ul>
 * Gogo maps a command to a method of the same name, and Java names have no dash: each command is registered as a
 * Gogo {@link org.apache.felix.service.command.Function} of its own.
 */
@Component(service = {})
public final class SecurityCommands {

    public static final String CONSOLE = "console";

    private final AccountService accounts;
    private final AuditTrail audit;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public SecurityCommands(@Reference AccountService accounts, @Reference AuditTrail audit, BundleContext context) {
        this.accounts = accounts;
        this.audit = audit;
        Map<String, Function<List<String>, String>> user = Map.of("list", args -> list(), "add", this::add,
                "disable", args -> enable(args, false), "enable", args -> enable(args, true),
                "token-issue", this::issue, "token-revoke", this::revoke, "tokens", args -> tokens());
        user.forEach((name, command) -> register(context, "user", name, command));
        register(context, "audit", "verify", args -> verify());
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private void register(BundleContext context, String scope, String name, Function<List<String>, String> command) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", scope);
        properties.put("osgi.command.function", name);
        org.apache.felix.service.command.Function function = (CommandSession session, List<Object> arguments) ->
                SubjectContext.callAs(Subject.system(CONSOLE), () -> command.apply(
                        arguments.stream().map(String::valueOf).toList()));
        registrations.add(context.registerService(org.apache.felix.service.command.Function.class, function,
                properties));
    }

    private String list() {
        StringBuilder out = new StringBuilder(String.format("%-30s %-20s %-40s %-4s %s%n", "USERNAME", "CENTER",
                "ROLES", "LANG", "STATE"));
        for (User user : accounts.users()) {
            out.append(String.format("%-30s %-20s %-40s %-4s %s%n", user.username(),
                    Objects.toString(user.centerId(), "-"), roles(user.roles()), user.language(),
                    user.disabled() ? "disabled" : user.mustChangePassword() ? "must-change-password" : "active"));
        }
        return out.toString();
    }

    private String add(List<String> args) {
        if (args.size() < 3) {
            throw new IllegalArgumentException("usage: user:add USERNAME CENTER|- ROLE[,ROLE] [DISPLAY NAME]; roles: "
                    + roles(EnumSet.allOf(Role.class)));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : args.get(2).split(",")) {
            try {
                roles.add(Role.valueOf(role.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role " + role + "; roles: " + roles(EnumSet.allOf(Role.class)));
            }
        }
        String center = args.get(1).equals("-") ? null : args.get(1);
        String display = args.size() > 3 ? String.join(" ", args.subList(3, args.size())) : null;
        NewAccount created = accounts.createUser(args.get(0), display, center, roles, "en");
        return "created user " + created.user().username() + "\none-time password (shown only now, change at first"
                + " login): " + created.oneTimePassword();
    }

    private String enable(List<String> args, boolean enabled) {
        requireArguments(args, 1, "user:" + (enabled ? "enable" : "disable") + " USERNAME");
        User user = accounts.setDisabled(args.get(0), !enabled);
        return "user " + user.username() + (user.disabled() ? " disabled" : " enabled");
    }

    private String issue(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("usage: user:token-issue USERNAME LABEL");
        }
        IssuedToken issued = accounts.issueToken(args.get(0), String.join(" ", args.subList(1, args.size())));
        return "token " + issued.token().id() + " for user " + issued.token().username()
                + "\nbearer token (shown only now): " + issued.secret();
    }

    private String revoke(List<String> args) {
        requireArguments(args, 1, "user:token-revoke ID");
        UUID id;
        try {
            id = UUID.fromString(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + args.get(0) + "' is not a token id; user:tokens lists them");
        }
        if (!accounts.revokeToken(id)) {
            throw new IllegalArgumentException("no valid token " + id);
        }
        return "token " + id + " revoked";
    }

    private String tokens() {
        StringBuilder out = new StringBuilder(String.format("%-36s %-30s %-30s %-27s %s%n", "ID", "USERNAME", "LABEL",
                "LAST-USED", "STATE"));
        for (ApiToken token : accounts.tokens()) {
            out.append(String.format("%-36s %-30s %-30s %-27s %s%n", token.id(), token.username(), token.label(),
                    Objects.toString(token.lastUsedAt(), "never"), token.revokedAt() == null ? "valid" : "revoked"));
        }
        return out.toString();
    }

    private String verify() {
        AuditTrail.Verification result = audit.verify();
        if (!result.intact()) {
            // a failure, so that the client exits non-zero
            throw new IllegalStateException("audit trail BROKEN at row " + result.brokenAt()
                    + (result.brokenAtTime() == null ? "" : " (" + result.brokenAtTime() + ")") + ": "
                    + result.problem() + "; " + result.rows() + " rows before it are intact");
        }
        return "audit trail OK: " + result.rows() + " rows, every link holds";
    }

    private static void requireArguments(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }
}
