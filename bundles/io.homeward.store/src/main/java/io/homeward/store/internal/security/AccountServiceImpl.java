package io.homeward.store.internal.security;

import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AccountException;
import io.homeward.casemodel.security.AccountService;
import io.homeward.casemodel.security.ApiToken;
import io.homeward.casemodel.security.AuthenticationException;
import io.homeward.casemodel.security.IssuedToken;
import io.homeward.casemodel.security.LoginThrottledException;
import io.homeward.casemodel.security.NewAccount;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.security.User;
import io.homeward.casemodel.security.UserSession;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.db.Database;
import jakarta.persistence.LockModeType;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccountService} on the database: accounts, sessions, throttling counts and bearer tokens are rows, so a
 * node keeps nothing of its own. Key derivation (about a fifth of a second) runs outside any transaction, so a
 * login holds no connection while it hashes. Account changes and logins are recorded in the {@link AuditLog}.
 * Log messages name accounts by username at most: never passwords, tokens or hashes.
 *
 * <p><b>First start.</b> In production mode, a database without accounts gets a platform administrator
 * {@value #FIRST_ADMIN} with a random one-time password, printed once to standard output (the console of
 * {@code bin/homeward run}, not the log file) and to be changed at first login. Several nodes starting on one
 * empty database race for the insert; the one that wins prints it.
 */
@Component(service = AccountService.class, configurationPid = SecurityConfiguration.PID)
@Designate(ocd = SecurityConfiguration.class)
public final class AccountServiceImpl implements AccountService {

    static final String FIRST_ADMIN = "admin";
    /** Framework property set by {@code --demo}. */
    static final String DEMO_PROPERTY = "homeward.demo";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final int MIN_PASSWORD_LENGTH = 12;
    /** Session and token rows are written at most this often for their last use, not at every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Duration idle;
    private final Duration lifetime;
    private final LoginThrottle perUser;
    private final LoginThrottle perAddress;
    private final boolean demo;

    @Activate
    public AccountServiceImpl(@Reference Database database, @Reference AuditLog audit, SecurityConfiguration config,
            BundleContext context) {
        this(database, audit, config, Boolean.parseBoolean(context.getProperty(DEMO_PROPERTY)), Clock.systemUTC());
        if (!demo) {
            createFirstAdmin(System.out);
        }
    }

    public AccountServiceImpl(Database database, AuditLog audit, SecurityConfiguration config, boolean demo, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.demo = demo;
        this.hasher = new PasswordHasher(config.passwordIterations());
        this.idle = Duration.ofMinutes(atLeastOne(config.sessionIdleMinutes(), "sessionIdleMinutes"));
        this.lifetime = Duration.ofHours(atLeastOne(config.sessionMaxHours(), "sessionMaxHours"));
        Duration maxBlock = Duration.ofSeconds(atLeastOne(config.maxBlockSeconds(), "maxBlockSeconds"));
        this.perUser = new LoginThrottle(config.userFailuresAllowed(), maxBlock);
        this.perAddress = new LoginThrottle(config.addressFailuresAllowed(), maxBlock);
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /** @return whether this call created the first administrator (and printed its password to {@code console}) */
    boolean createFirstAdmin(PrintStream console) {
        String password = Secrets.password();
        String hash = hasher.hash(password);
        boolean created;
        try {
            created = database.inTransaction(session -> {
                long users = session.createSelectionQuery("select count(u) from UserEntity u", Long.class)
                        .getSingleResult();
                if (users > 0) {
                    return false;
                }
                session.persist(new UserEntity(FIRST_ADMIN, "Platform administrator", null,
                        Set.of(Role.PLATFORM_ADMIN), "en", hash, clock.instant()));
                session.flush();
                audit.append(session, "platform", "USER_CREATED", null, "user " + FIRST_ADMIN
                        + ": roles [PLATFORM_ADMIN], one-time password, first start");
                return true;
            });
        } catch (RuntimeException e) {
            // another node created the first accounts at the same moment: it printed the password
            return false;
        }
        if (created) {
            // standard output only: the log file must never hold a credential
            console.println();
            console.println("=".repeat(78));
            console.println("First start: created the platform administrator '" + FIRST_ADMIN + "'.");
            console.println("One-time password (shown only now): " + password);
            console.println("Log in and change it; until then the account can do nothing else.");
            console.println("=".repeat(78));
            console.flush();
            LOG.info("First start: created the platform administrator '{}' with a one-time password (printed to the"
                    + " console only)", FIRST_ADMIN);
        }
        return created;
    }

    @Override
    public UserSession login(String username, String password, String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        // a name no account can have (too long, a NUL, any character user:add refuses) is a failure at once: no
        // lookup, no decoy hash, and counted against the address only, since its key would not fit
        boolean possible = USERNAME.matcher(name).matches();
        String userKey = possible ? "user:" + name : null;
        String addressKey = "address:" + clientAddress;
        Duration wait = reserve(userKey, addressKey);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        if (!possible) {
            failed(null);
            throw new AuthenticationException();
        }
        Optional<UserEntity> found = database.inTransaction(session -> Optional.ofNullable(
                session.find(UserEntity.class, name)));
        // the decoy hash when the user is unknown: every failure costs the same time
        boolean matches = hasher.matches(password == null ? "" : password, found.map(UserEntity::passwordHash)
                .orElse(null));
        if (!matches || found.get().disabled()) {
            failed(found.isPresent() ? name : null);
            throw new AuthenticationException();
        }
        User user = found.get().toUser();
        return database.inTransaction(session -> {
            Instant at = clock.instant();
            LoginThrottleEntity counts = session.find(LoginThrottleEntity.class, userKey);
            if (counts != null) {
                session.remove(counts);
            }
            release(session, addressKey);
            session.createMutationQuery("delete from SessionEntity s where s.expiresAt < :now")
                    .setParameter("now", at).executeUpdate();
            String token = Secrets.token();
            SessionEntity created = new SessionEntity(Secrets.sha256(token), user.username(), Secrets.token(), at,
                    at.plus(idle));
            session.persist(created);
            session.flush();
            audit.append(session, user.username(), "LOGIN", null, "session opened");
            return new UserSession(token, created.csrfToken(), user, created.expiresAt());
        });
    }

    /**
     * Counts a login attempt as failed before its password is checked, under the lock of each key's row, unless a
     * key is blocked: so that many guesses sent at once are counted one after the other, and those past the limit
     * are refused before any of them costs a hash (before, 30 parallel guesses were all checked). A success gives
     * the address its attempt back ({@link #release}) and forgets the user's failures. A node racing us for a new
     * key's row makes us count again.
     *
     * @param userKey null for a name no account can have
     * @return how long a key is still blocked; zero when the attempt may go on
     */
    private Duration reserve(String userKey, String addressKey) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(session -> {
                    Instant now = clock.instant();
                    Duration wait = blocked(session, userKey, now);
                    Duration address = blocked(session, addressKey, now);
                    wait = wait.compareTo(address) >= 0 ? wait : address;
                    if (wait.isZero()) {
                        if (userKey != null) {
                            count(session, userKey, perUser, now);
                        }
                        count(session, addressKey, perAddress, now);
                    }
                    return wait;
                });
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** @return how long the key is still blocked, or zero; locks its row */
    private static Duration blocked(Session session, String key, Instant now) {
        LoginThrottleEntity counts = key == null ? null
                : session.find(LoginThrottleEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counts == null || counts.blockedUntil() == null || !counts.blockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, counts.blockedUntil());
    }

    /** Gives back the attempt a successful login reserved against its address, and any block it brought. */
    private void release(Session session, String addressKey) {
        LoginThrottleEntity counts = session.find(LoginThrottleEntity.class, addressKey,
                LockModeType.PESSIMISTIC_WRITE);
        if (counts != null && counts.failures() > 0) {
            int failures = counts.failures() - 1;
            counts.failed(failures, counts.lastFailure(), perAddress.blockAfter(failures).isZero() ? null
                    : counts.blockedUntil());
        }
    }

    /** Records a failed login in the audit trail; its attempt was counted before the check. */
    private void failed(String knownUser) {
        database.inTransaction(session -> {
            // the attempted name only when it is an account: a password typed into the username field
            // must not end up in the trail
            audit.append(session, knownUser == null ? "(unknown user)" : knownUser, "LOGIN_FAILED", null,
                    "wrong credentials");
            return null;
        });
    }

    private static void count(Session session, String key, LoginThrottle rule, Instant now) {
        LoginThrottleEntity counts = session.find(LoginThrottleEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        boolean first = counts == null;
        if (first) {
            counts = new LoginThrottleEntity(key);
        }
        int failures = rule.recentFailures(counts.failures(), counts.lastFailure(), now) + 1;
        Duration block = rule.blockAfter(failures);
        counts.failed(failures, now, block.isZero() ? null : now.plus(block));
        if (first) {
            session.persist(counts);
        }
        session.flush();
    }

    @Override
    public Optional<UserSession> session(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        return database.inTransaction(session -> {
            Instant now = clock.instant();
            SessionEntity found = session.find(SessionEntity.class, hash);
            if (found == null) {
                return Optional.empty();
            }
            if (!found.expiresAt().isAfter(now)) {
                session.remove(found);
                return Optional.empty();
            }
            UserEntity user = session.find(UserEntity.class, found.username());
            if (user == null || user.disabled()) {
                return Optional.empty();
            }
            if (found.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
                Instant cap = found.createdAt().plus(lifetime);
                Instant next = now.plus(idle);
                found.touch(now, next.isAfter(cap) ? cap : next);
            }
            return Optional.of(new UserSession(null, found.csrfToken(), user.toUser(), found.expiresAt()));
        });
    }

    @Override
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        database.inTransaction(session -> {
            SessionEntity found = session.find(SessionEntity.class, Secrets.sha256(token));
            if (found != null) {
                session.remove(found);
                session.flush();
                audit.append(session, found.username(), "LOGOUT", null, "session closed");
            }
            return null;
        });
    }

    @Override
    public Optional<User> bearer(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(secret);
        return database.inTransaction(session -> {
            ApiTokenEntity token = session.createSelectionQuery("from ApiTokenEntity t where t.tokenHash = :hash",
                    ApiTokenEntity.class).setParameter("hash", hash).uniqueResult();
            if (token == null || token.revoked()) {
                return Optional.empty();
            }
            UserEntity user = session.find(UserEntity.class, token.username());
            if (user == null || user.disabled()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (token.lastUsedAt() == null || token.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
                token.used(now);
            }
            return Optional.of(user.toUser());
        });
    }

    @Override
    public User changePassword(String currentPassword, String newPassword, String keepSession) {
        Subject subject = SubjectContext.require();
        UserEntity found = database.inTransaction(session -> session.find(UserEntity.class, subject.username()));
        if (found == null || !hasher.matches(currentPassword == null ? "" : currentPassword, found.passwordHash())) {
            throw new AuthenticationException();
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("the new password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (newPassword.equals(currentPassword)) {
            throw new AccountException("the new password must differ from the current one");
        }
        String hash = hasher.hash(newPassword);
        String kept = keepSession == null ? "" : Secrets.sha256(keepSession);
        return database.inTransaction(session -> {
            UserEntity user = session.find(UserEntity.class, subject.username(), LockModeType.PESSIMISTIC_WRITE);
            user.changePassword(hash, false);
            session.createMutationQuery("delete from SessionEntity s where s.username = :user and s.tokenHash <> :kept")
                    .setParameter("user", subject.username()).setParameter("kept", kept).executeUpdate();
            session.flush();
            audit.append(session, subject.username(), "PASSWORD_CHANGED", null, "user " + subject.username()
                    + ": password changed, other sessions ended");
            return user.toUser();
        });
    }

    @Override
    public User setLanguage(String language, Set<String> allowed) {
        Subject subject = SubjectContext.require();
        if (language == null || !allowed.contains(language)) {
            throw new AccountException("language must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return database.inTransaction(session -> {
            UserEntity user = session.find(UserEntity.class, subject.username(), LockModeType.PESSIMISTIC_WRITE);
            if (user == null) {
                throw new AccessDeniedException("only users have a language");
            }
            String before = user.toUser().language();
            user.setLanguage(language);
            session.flush();
            audit.append(session, subject.username(), "USER_CHANGED", null, "user " + subject.username()
                    + ": language: " + before + " → " + language);
            return user.toUser();
        });
    }

    @Override
    public NewAccount createUser(String username, String displayName, String centerId, Set<Role> roles,
            String language) {
        Subject subject = SubjectContext.require();
        String password = Secrets.password();
        User user = create(subject, username, displayName, centerId, roles, language, hasher.hash(password), true);
        return new NewAccount(user, password);
    }

    @Override
    public User createDemoUser(String username, String displayName, String centerId, Set<Role> roles,
            String language, String password) {
        Subject subject = SubjectContext.require();
        if (!demo || !subject.system()) {
            throw new AccessDeniedException("demo accounts exist only on a platform started with --demo");
        }
        Optional<User> existing = database.inTransaction(session -> Optional.ofNullable(
                session.find(UserEntity.class, username)).map(UserEntity::toUser));
        return existing.orElseGet(() -> create(subject, username, displayName, centerId, roles, language,
                hasher.hash(password), false));
    }

    private User create(Subject subject, String username, String displayName, String centerId, Set<Role> roles,
            String language, String hash, boolean mustChange) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new AccountException("a username is 2 to 100 lower-case letters, digits, '.', '_' or '-'");
        }
        if (roles == null || roles.isEmpty()) {
            throw new AccountException("a user needs at least one role");
        }
        if (centerId == null && !roles.equals(Set.of(Role.PLATFORM_ADMIN))) {
            throw new AccountException("only a platform administrator works for no center; give a center for "
                    + roles);
        }
        if (!LANGUAGE.matcher(language == null ? "" : language).matches()) {
            throw new AccountException("language must be an ISO 639-1 code such as en or el");
        }
        requireAdministration(subject, centerId);
        if (roles.contains(Role.PLATFORM_ADMIN) && !subject.may(Permission.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("only a platform administrator can create platform administrators");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        return database.inTransaction(session -> {
            if (session.find(UserEntity.class, name) != null) {
                throw new AccountException("the username " + name + " is taken");
            }
            UserEntity entity = new UserEntity(name, display, centerId, roles, language, hash, clock.instant());
            entity.changePassword(hash, mustChange);
            session.persist(entity);
            session.flush();
            audit.append(session, subject.username(), "USER_CREATED", null, "user " + name + ": center "
                    + Objects.toString(centerId, "(none)") + ", roles " + roles.stream().sorted().toList()
                    + (mustChange ? ", one-time password" : ""));
            return entity.toUser();
        });
    }

    /** Refuses unless the subject administers the users of that center. */
    private static void requireAdministration(Subject subject, String centerId) {
        if (!subject.may(Permission.USER_ADMIN)) {
            throw new AccessDeniedException("managing users needs the center or platform administrator role");
        }
        if (!subject.may(Permission.PLATFORM_ADMIN) && (centerId == null || !centerId.equals(subject.centerId()))) {
            throw new AccessDeniedException("a center administrator manages the users of their own center only");
        }
    }

    private static boolean administers(Subject subject, String centerId) {
        return subject.may(Permission.PLATFORM_ADMIN)
                || (subject.may(Permission.USER_ADMIN) && centerId != null && centerId.equals(subject.centerId()));
    }

    @Override
    public Optional<User> user(String username) {
        Subject subject = SubjectContext.require();
        return database.inTransaction(session -> Optional.ofNullable(session.find(UserEntity.class, username)))
                .filter(user -> administers(subject, user.centerId())).map(UserEntity::toUser);
    }

    @Override
    public List<User> users() {
        Subject subject = SubjectContext.require();
        requireAdministration(subject, subject.centerId());
        return database.inTransaction(session -> session.createSelectionQuery("from UserEntity u order by u.username",
                UserEntity.class).getResultList().stream().filter(u -> administers(subject, u.centerId()))
                .map(UserEntity::toUser).toList());
    }

    @Override
    public User setDisabled(String username, boolean disabled) {
        Subject subject = SubjectContext.require();
        return database.inTransaction(session -> {
            UserEntity user = session.find(UserEntity.class, username, LockModeType.PESSIMISTIC_WRITE);
            if (user == null || !administers(subject, user.centerId())) {
                throw new AccountException("no user " + username + " that you administer");
            }
            user.setDisabled(disabled);
            if (disabled) {
                session.createMutationQuery("delete from SessionEntity s where s.username = :user")
                        .setParameter("user", username).executeUpdate();
            }
            session.flush();
            audit.append(session, subject.username(), "USER_CHANGED", null, "user " + username + ": disabled: "
                    + !disabled + " → " + disabled);
            return user.toUser();
        });
    }

    @Override
    public IssuedToken issueToken(String username, String label) {
        Subject subject = SubjectContext.require();
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new AccountException("a token needs a label of 1 to 200 characters saying what uses it");
        }
        String secret = Secrets.token();
        return database.inTransaction(session -> {
            UserEntity user = session.find(UserEntity.class, username);
            if (user == null || !administers(subject, user.centerId())) {
                throw new AccountException("no user " + username + " that you administer");
            }
            ApiTokenEntity token = new ApiTokenEntity(UUID.randomUUID(), Secrets.sha256(secret), username,
                    label.strip(), clock.instant());
            session.persist(token);
            session.flush();
            audit.append(session, subject.username(), "TOKEN_ISSUED", null, "token " + token.toToken().id()
                    + " for user " + username + ": " + label.strip());
            return new IssuedToken(token.toToken(), secret);
        });
    }

    @Override
    public boolean revokeToken(UUID id) {
        Subject subject = SubjectContext.require();
        return database.inTransaction(session -> {
            ApiTokenEntity token = session.find(ApiTokenEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (token == null || token.revoked() || !administers(subject,
                    session.find(UserEntity.class, token.username()).centerId())) {
                return false;
            }
            token.revoke(clock.instant());
            session.flush();
            audit.append(session, subject.username(), "TOKEN_REVOKED", null, "token " + id + " of user "
                    + token.username());
            return true;
        });
    }

    @Override
    public List<ApiToken> tokens() {
        Subject subject = SubjectContext.require();
        requireAdministration(subject, subject.centerId());
        return database.inTransaction(session -> session.createSelectionQuery(
                "select t, u.centerId from ApiTokenEntity t, UserEntity u where u.username = t.username",
                Object[].class).getResultList().stream()
                .filter(row -> administers(subject, (String) row[1]))
                .map(row -> ((ApiTokenEntity) row[0]).toToken())
                .sorted(Comparator.comparing(ApiToken::createdAt).reversed()).toList());
    }
}
