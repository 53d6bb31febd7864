package io.homeward.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AccountException;
import io.homeward.casemodel.security.AuditEntry;
import io.homeward.casemodel.security.AuditTrail.Verification;
import io.homeward.casemodel.security.AuthenticationException;
import io.homeward.casemodel.security.IssuedToken;
import io.homeward.casemodel.security.LoginThrottledException;
import io.homeward.casemodel.security.NewAccount;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.security.User;
import io.homeward.casemodel.security.UserSession;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.TestSecurityConfiguration;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.cases.CaseServiceContract;
import io.homeward.store.internal.cases.CaseServiceImpl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts, authorization and the audit trail against a real database: subclasses say which, like
 * {@link CaseServiceContract}. Every test starts from empty tables.
 */
abstract class SecurityContract extends DatabaseContract {

    private static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Subject CONSOLE = Subject.system("console");

    private TestClock clock;
    private AuditLog audit;
    private AccountServiceImpl accounts;
    private AuthorizedCaseService cases;





    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_timeline_event", "hw_case_field", "hw_person", "hw_case_share",
                    "hw_sla_timer", "hw_case_note", "hw_attachment_content", "hw_attachment", "hw_case", "hw_case_number",
                    "hw_session", "hw_api_token", "hw_user_role", "hw_user", "hw_login_throttle", "hw_audit"));
        database.inTransaction(session -> {
            session.createNativeMutationQuery("update hw_audit_head set last_seq = 0, last_hash = :genesis")
                    .setParameter("genesis", AuditLog.GENESIS).executeUpdate();
            return null;
        });
        clock = new TestClock(MARCH_2026);
        TestCenters centers = new TestCenters();
        CaseAccess access = new CaseAccess(database, centers, clock);
        audit = new AuditLog(database, access, clock);
        accounts = new AccountServiceImpl(database, audit, new TestSecurityConfiguration(), false, clock);
        cases = new AuthorizedCaseService(new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock),
                access, audit);
    }

    // ---- accounts

    @Test
    void theFirstStartCreatesOneAdministratorWithAOneTimePasswordPrintedOnce() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertTrue(accounts.createFirstAdmin(new PrintStream(console, true, StandardCharsets.UTF_8)));
        String printed = console.toString(StandardCharsets.UTF_8);
        String password = printed.lines().filter(l -> l.startsWith("One-time password")).findFirst().orElseThrow()
                .replaceAll(".*: ", "");
        assertEquals(20, password.length(), printed);
        assertFalse(accounts.createFirstAdmin(new PrintStream(new ByteArrayOutputStream())), "only once");

        UserSession session = accounts.login("admin", password, "10.0.0.1");
        assertTrue(session.user().mustChangePassword());
        assertEquals(Set.of(Role.PLATFORM_ADMIN), session.user().roles());
        assertThrows(AuthenticationException.class, () -> accounts.login("admin", "admin", "10.0.0.1"),
                "no default password");
        User changed = as(session.user().subject(), () -> accounts.changePassword(password, "a much longer secret",
                session.token()));
        assertFalse(changed.mustChangePassword());
        assertTrue(accounts.session(session.token()).isPresent(), "the session the change was made in stays");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserFailAlike() {
        String password = create("cf.worker", "test-center", Role.CASE_WORKER);
        AuthenticationException wrong = assertThrows(AuthenticationException.class,
                () -> accounts.login("cf.worker", password + "x", "10.0.0.1"));
        AuthenticationException unknown = assertThrows(AuthenticationException.class,
                () -> accounts.login("nobody", password, "10.0.0.1"));
        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertEquals("cf.worker", accounts.login("CF.Worker ", password, "10.0.0.1").user().username(),
                "usernames are case-insensitive");
    }

    @Test
    void fiveFailuresBlockTheUsernameEvenForTheRightPasswordAndTheBlockGrows() {
        String password = create("cf.worker", "test-center", Role.CASE_WORKER);
        for (int i = 1; i <= 5; i++) {
            assertThrows(AuthenticationException.class, () -> accounts.login("cf.worker", "guess", "10.0.0." + 9));
        }
        LoginThrottledException blocked = assertThrows(LoginThrottledException.class,
                () -> accounts.login("cf.worker", password, "10.0.0.2"), "throttled per username, from any address");
        // the test clock moves a second per reading: the wait left is a little under the block
        assertBetween(Duration.ofSeconds(1), Duration.ofSeconds(5), blocked.retryAfter());
        clock.set(clock.instant().plusSeconds(6));
        assertThrows(AuthenticationException.class, () -> accounts.login("cf.worker", "guess", "10.0.0.3"));
        assertBetween(Duration.ofSeconds(6), Duration.ofSeconds(10), assertThrows(LoginThrottledException.class,
                () -> accounts.login("cf.worker", password, "10.0.0.2")).retryAfter());
        clock.set(clock.instant().plusSeconds(11));
        assertNotNull(accounts.login("cf.worker", password, "10.0.0.2"));
        assertThrows(AuthenticationException.class, () -> accounts.login("cf.worker", "guess", "10.0.0.3"),
                "a success forgets the username's failures");
    }

    @Test
    void guessesSentAtOnceAreCountedBeforeTheirPasswordsAreChecked() throws Exception {
        create("cf.worker", "test-center", Role.CASE_WORKER);
        // a clock that stands still: the test clock's second per reading would end the first block mid-burst
        AccountServiceImpl atOneMoment = new AccountServiceImpl(database, audit, new TestSecurityConfiguration(), false,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        ExecutorService attackers = Executors.newFixedThreadPool(10);
        List<Future<Class<?>>> guesses = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                String address = "198.51.100." + i; // a key each: only the user's count may stop them
                guesses.add(attackers.submit(() -> {
                    try {
                        atOneMoment.login("cf.worker", "guess", address);
                        return null;
                    } catch (RuntimeException refused) {
                        return refused.getClass();
                    }
                }));
            }
            Map<Class<?>, Integer> outcomes = new HashMap<>();
            for (Future<Class<?>> guess : guesses) {
                outcomes.merge(guess.get(), 1, Integer::sum);
            }
            // before: all 30 were checked (30 wrong passwords), the limit is 5
            assertEquals(Map.of(AuthenticationException.class, 5, LoginThrottledException.class, 25), outcomes);
        } finally {
            attackers.shutdownNow();
        }
    }

    @Test
    void aNameNoAccountCanHaveFailsAtOnceAndCountsAgainstItsAddress() {
        String password = create("cf.worker", "test-center", Role.CASE_WORKER);
        // before: the over-long name's throttle row did not fit its column, and the login answered 500
        for (String impossible : List.of("u".repeat(400), "cf.worker\u0000", "cf worker", "<script>")) {
            assertThrows(AuthenticationException.class, () -> accounts.login(impossible, password, "192.0.2.9"),
                    impossible);
        }
        for (int i = 0; i < 16; i++) {
            assertThrows(AuthenticationException.class, () -> accounts.login("x".repeat(101), "guess", "192.0.2.9"));
        }
        assertThrows(LoginThrottledException.class, () -> accounts.login("cf.worker", password, "192.0.2.9"),
                "twenty failures from one address block it");
        assertNotNull(accounts.login("cf.worker", password, "192.0.2.10"));
    }

    @Test
    void manyFailuresFromOneAddressBlockThatAddressForEveryUsername() {
        String password = create("cf.worker", "test-center", Role.CASE_WORKER);
        for (int i = 0; i < 20; i++) {
            String name = "user" + i;
            assertThrows(AuthenticationException.class, () -> accounts.login(name, "guess", "192.0.2.7"));
        }
        assertThrows(LoginThrottledException.class, () -> accounts.login("cf.worker", password, "192.0.2.7"));
        assertNotNull(accounts.login("cf.worker", password, "192.0.2.8"), "other addresses are not blocked");
    }

    @Test
    void sessionsEndWhenIdleAtTheirLifetimeAndAtLogout() {
        String password = create("cf.worker", "test-center", Role.CASE_WORKER);
        UserSession session = accounts.login("cf.worker", password, "10.0.0.1");
        assertEquals(43, session.token().length(), "256 random bits");
        assertEquals(session.csrfToken(), accounts.session(session.token()).orElseThrow().csrfToken());
        assertTrue(accounts.session("forged").isEmpty());
        for (int minutes = 20; minutes <= 12 * 60 - 20; minutes += 20) {
            clock.set(MARCH_2026.plus(Duration.ofMinutes(minutes)));
            assertTrue(accounts.session(session.token()).isPresent(), "used every 20 minutes, at " + minutes);
        }
        clock.set(MARCH_2026.plus(Duration.ofHours(12)).plusSeconds(60));
        assertTrue(accounts.session(session.token()).isEmpty(), "the absolute lifetime caps a busy session");

        UserSession idle = accounts.login("cf.worker", password, "10.0.0.1");
        clock.set(clock.instant().plus(Duration.ofMinutes(31)));
        assertTrue(accounts.session(idle.token()).isEmpty(), "idle for longer than 30 minutes");

        UserSession loggedOut = accounts.login("cf.worker", password, "10.0.0.1");
        accounts.logout(loggedOut.token());
        assertTrue(accounts.session(loggedOut.token()).isEmpty());
        long clear = database.inTransaction(s -> s.createNativeQuery(
                "select count(*) from hw_session where token_hash = :t", Long.class)
                .setParameter("t", session.token()).getSingleResult());
        assertEquals(0, clear, "tokens are stored hashed");
    }

    @Test
    void bearerTokensActAsTheirUserUntilRevoked() {
        create("cf.integration", "test-center", Role.CASE_WORKER);
        IssuedToken issued = as(CONSOLE, () -> accounts.issueToken("cf.integration", "police bridge"));
        assertEquals("cf.integration", accounts.bearer(issued.secret()).orElseThrow().username());
        assertNotNull(as(CONSOLE, () -> accounts.tokens()).get(0).lastUsedAt());
        assertTrue(accounts.bearer(issued.secret() + "x").isEmpty());
        assertTrue(as(CONSOLE, () -> accounts.revokeToken(issued.token().id())));
        assertTrue(accounts.bearer(issued.secret()).isEmpty());
        assertFalse(as(CONSOLE, () -> accounts.revokeToken(issued.token().id())), "revoked once");
    }

    @Test
    void aCenterAdministratorManagesTheUsersOfItsOwnCenterOnly() {
        create("cf.admin", "test-center", Role.CENTER_ADMIN);
        create("oc.worker", "other-center", Role.CASE_WORKER);
        Subject admin = Subject.user("cf.admin", "test-center", Set.of(Role.CENTER_ADMIN));
        NewAccount created = as(admin, () -> accounts.createUser("cf.new", "New", "test-center",
                Set.of(Role.HOTLINE_OPERATOR), "nl"));
        assertTrue(created.user().mustChangePassword());
        assertThrows(AccessDeniedException.class, () -> as(admin, () -> accounts.createUser("oc.new", null,
                "other-center", Set.of(Role.CASE_WORKER), "el")));
        assertThrows(AccessDeniedException.class, () -> as(admin, () -> accounts.createUser("root2", null, null,
                Set.of(Role.PLATFORM_ADMIN), "en")));
        assertEquals(List.of("cf.admin", "cf.new"), as(admin, () -> accounts.users()).stream().map(User::username)
                .toList());
        assertThrows(AccountException.class, () -> as(admin, () -> accounts.issueToken("oc.worker", "x")));
        Subject worker = Subject.user("oc.worker", "other-center", Set.of(Role.CASE_WORKER));
        assertThrows(AccessDeniedException.class, () -> as(worker, () -> accounts.users()));
    }

    @Test
    void demoAccountsExistOnlyInDemoMode() {
        assertThrows(AccessDeniedException.class, () -> as(Subject.system("demo"), () -> accounts.createDemoUser(
                "cf.demo", "Demo", "test-center", Set.of(Role.CASE_WORKER), "nl", "homeward-demo")));
    }

    // ---- authorization and scoping

    @Test
    void staffSeeTheirCentersCasesAndHubsTheirMembersAndEveryoneElseGetsNotFound() {
        Case gr = as(CONSOLE, () -> cases.open(otherIntake(), "console"));
        Case ro = as(CONSOLE, () -> cases.open(roIntake(), "console"));
        Subject worker = Subject.user("oc.worker", TestCenters.OTHER, Set.of(Role.CASE_WORKER));
        Subject analyst = Subject.user("seec.analyst", TestCenters.SEEC, Set.of(Role.HUB_ANALYST));
        Subject hubWorker = Subject.user("seec.worker", TestCenters.SEEC, Set.of(Role.CASE_WORKER));
        Subject roOperator = Subject.user("ro.operator", TestCenters.RO, Set.of(Role.HOTLINE_OPERATOR));
        Subject platform = Subject.user("admin", null, Set.of(Role.PLATFORM_ADMIN));

        assertTrue(as(worker, () -> cases.find(gr.id())).isPresent());
        assertTrue(as(worker, () -> cases.find(ro.id())).isEmpty(), "another center's case does not exist for it");
        assertThrows(CaseNotFoundException.class, () -> as(worker, () -> cases.timeline(ro.id())));
        assertThrows(CaseNotFoundException.class, () -> as(worker, () -> cases.perform(ro.id(), "close", 0, Map.of(),
                null, "forged-actor")));
        assertEquals(List.of(gr.id()), as(worker, () -> cases.search(CaseQuery.all())).cases().stream()
                .map(Case::id).toList(), "the viewer is the user's center, whatever the query asked");
        assertEquals(1, as(worker, () -> cases.search(CaseQuery.all().withViewer(TestCenters.SEEC))).total());

        assertTrue(as(analyst, () -> cases.find(ro.id())).isPresent(), "the hub sees its member countries");
        assertEquals(2, as(analyst, () -> cases.statistics(CaseQuery.all())).total());
        assertThrows(AccessDeniedException.class, () -> as(analyst, () -> cases.perform(gr.id(), "close", 0,
                Map.of(), null, "x")), "analysts only read");
        assertThrows(AccessDeniedException.class, () -> as(hubWorker, () -> cases.perform(gr.id(), "close", 0,
                Map.of(), null, "x")), "the hub reads a member's case but does not own it");
        assertThrows(AccessDeniedException.class, () -> as(roOperator, () -> cases.perform(ro.id(), "close", 0,
                Map.of(), null, "x")), "operators take intakes and read");
        assertThrows(AccessDeniedException.class, () -> as(worker, () -> cases.statistics(CaseQuery.all())));
        assertThrows(AccessDeniedException.class, () -> as(platform, () -> cases.find(gr.id())),
                "no case content for platform administrators");
        assertThrows(AccessDeniedException.class, () -> as(worker, () -> cases.open(roIntake(), "x")),
                "intake for one's own center only");
        assertThrows(AccessDeniedException.class, () -> cases.find(gr.id()), "no subject, no answer");

        Case closed = as(worker, () -> cases.perform(gr.id(), "close", 0, Map.of(), "found at home", "forged-actor"));
        assertEquals("closed", closed.status());
        assertEquals("oc.worker", as(worker, () -> cases.timeline(gr.id())).get(1).actor(),
                "changes are attributed to the user, not to what the caller claims");
    }

    // ---- audit

    @Test
    void readsAndChangesAreAuditedWithOldAndNewValuesAndTheChainVerifies() {
        Case gr = as(CONSOLE, () -> cases.open(otherIntake(), "console"));
        Subject worker = Subject.user("oc.worker", TestCenters.OTHER, Set.of(Role.CASE_WORKER));
        Subject supervisor = Subject.user("oc.supervisor", TestCenters.OTHER, Set.of(Role.SUPERVISOR));
        as(worker, () -> cases.find(gr.id()));
        as(worker, () -> cases.perform(gr.id(), "close", 0, Map.of(), null, "x"));
        as(worker, () -> cases.timeline(gr.id()));

        assertThrows(AccessDeniedException.class, () -> as(worker, () -> audit.entries(gr.id())),
                "the trail is for supervisors");
        List<AuditEntry> entries = as(supervisor, () -> audit.entries(gr.id()));
        assertEquals(List.of("CASE_OPENED", "CASE_READ", "CASE_CHANGED", "CASE_HISTORY_READ"),
                entries.stream().map(AuditEntry::action).toList());
        assertEquals("oc.worker", entries.get(1).actor());
        assertTrue(entries.get(2).detail().contains("status: new → closed"), entries.get(2).detail());
        assertTrue(entries.get(0).detail().contains("Nikolaou"), "what was opened, in the trail (not in logs)");
        Subject outsider = Subject.user("ro.supervisor", TestCenters.RO, Set.of(Role.SUPERVISOR));
        assertThrows(CaseNotFoundException.class, () -> as(outsider, () -> audit.entries(gr.id())));

        Verification intact = as(CONSOLE, () -> audit.verify());
        assertTrue(intact.intact(), String.valueOf(intact));
        assertEquals(5, intact.rows(), "four case entries and the supervisor's read of them");
        assertThrows(AccessDeniedException.class, () -> as(supervisor, () -> audit.verify()));
    }

    @Test
    void verifyNamesTheFirstRowEditedInTheDatabase() {
        for (int i = 1; i <= 5; i++) {
            audit.append("console", "TEST", null, "entry " + i);
        }
        execute("update hw_audit set detail = 'entry 3, edited' where seq = 3");
        Verification edited = as(CONSOLE, () -> audit.verify());
        assertEquals(3, edited.brokenAt(), String.valueOf(edited));
        assertEquals(2, edited.rows());
        assertNotNull(edited.brokenAtTime());
        assertTrue(edited.problem().contains("changed"), edited.problem());
    }

    @Test
    void verifyNoticesARecomputedHashRowsRemovedAndATruncatedEnd() {
        for (int i = 1; i <= 5; i++) {
            audit.append("console", "TEST", null, "entry " + i);
        }
        // an editor who recomputes the row's own hash still breaks the next link
        String forged = AuditLog.hash(column("prev_hash", 2), 2, Instant.parse(column("occurred_at_text", 2)),
                "console", "TEST", null, "forged");
        execute("update hw_audit set detail = 'forged', row_hash = '" + forged + "' where seq = 2");
        assertEquals(3, as(CONSOLE, () -> audit.verify()).brokenAt());
        execute("delete from hw_audit where seq = 2");
        assertEquals(2, as(CONSOLE, () -> audit.verify()).brokenAt(), "a missing row");
    }

    @Test
    void verifyNoticesRowsCutFromTheEnd() {
        for (int i = 1; i <= 3; i++) {
            audit.append("console", "TEST", null, "entry " + i);
        }
        execute("delete from hw_audit where seq = 3");
        Verification cut = as(CONSOLE, () -> audit.verify());
        assertFalse(cut.intact());
        assertEquals(3, cut.brokenAt());
        assertNull(cut.brokenAtTime());
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    audit.append("console", "TEST", null, "thread " + thread + " entry " + i);
                }
            });
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Verification result = as(CONSOLE, () -> audit.verify());
        assertTrue(result.intact(), String.valueOf(result));
        assertEquals(100, result.rows());
    }

    private String column(String name, long seq) {
        String select = name.equals("occurred_at_text") ? "occurred_at" : name;
        Object value = database.inTransaction(s -> s.createNativeQuery("select " + select + " from hw_audit where seq = "
                + seq, Object.class).getSingleResult());
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof Instant time) {
            return time.toString();
        }
        return value.toString();
    }

    private static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0, actual + " not in " + low + ".." + high);
    }

    private void execute(String sql) {
        database.inTransaction(s -> s.createNativeMutationQuery(sql).executeUpdate());
    }

    /** Creates an account as the console; returns its one-time password. */
    private String create(String username, String center, Role role) {
        return as(CONSOLE, () -> accounts.createUser(username, null, center, Set.of(role), "en")).oneTimePassword();
    }

    private static <T> T as(Subject subject, Supplier<T> work) {
        return SubjectContext.callAs(subject, work);
    }

    private static NewCase otherIntake() {
        return new NewCase(TestCenters.OTHER, "lost", "GR", RiskLevel.MEDIUM, "lost at the fair", Map.of(),
                List.of(new PersonDetails(PersonRole.CHILD, "Nikolaou", "Maria", Sex.FEMALE, LocalDate.of(2014, 1, 2),
                        null, null)));
    }

    private static NewCase roIntake() {
        return new NewCase(TestCenters.RO, "fuga", null, RiskLevel.HIGH, "left school", Map.of(),
                List.of(new PersonDetails(PersonRole.CHILD, "Popescu", "Ana", Sex.FEMALE, LocalDate.of(2012, 3, 4),
                        null, null)));
    }
}
