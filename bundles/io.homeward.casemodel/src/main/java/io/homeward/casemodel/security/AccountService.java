package io.homeward.casemodel.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Staff accounts, their sessions and the bearer tokens of integrations, all in the database so that every node
 * of a deployment shares them. Thread-safe. Passwords and tokens are stored only as hashes and never logged.
 *
 * <p>Authentication methods ({@link #login}, {@link #session}, {@link #bearer}) need no {@link Subject}: they
 * establish one. Every other method acts for the subject bound by {@link SubjectContext} and throws
 * {@link AccessDeniedException} when it may not: administration needs {@link Permission#USER_ADMIN}, limited to
 * the subject's own center unless it has {@link Permission#PLATFORM_ADMIN}.
 */
@ProviderType
public interface AccountService {

    /**
     * Checks a username and password and opens a session. Failures are counted per username and per client
     * address in the database; after a few, further attempts are refused for a growing time.
     *
     * @param clientAddress the address the attempt came from, never null
     * @return the new session, with its token
     * @throws AuthenticationException when the username is unknown, the password wrong or the account disabled
     * @throws LoginThrottledException when the username or the address has failed too often recently
     */
    UserSession login(String username, String password, String clientAddress);

    /**
     * @param token the secret of a session cookie
     * @return the live session, its idle expiry pushed back; empty when unknown, expired or its user disabled
     */
    Optional<UserSession> session(String token);

    /** Ends a session; nothing happens when it is unknown. */
    void logout(String token);

    /**
     * @param secret the value after {@code Bearer }
     * @return the user the token acts as, its last use recorded; empty when unknown, revoked or disabled
     */
    Optional<User> bearer(String secret);

    /**
     * Replaces the current subject's own password and clears must-change-password; ends the user's other
     * sessions.
     *
     * @param keepSession the token of the session to keep (the one the change was made in), or null for none
     * @throws AuthenticationException when {@code currentPassword} is wrong
     * @throws AccountException when the new password is too weak (fewer than 12 characters, or the old one)
     */
    User changePassword(String currentPassword, String newPassword, String keepSession);

    /**
     * Sets the current subject's preferred language.
     *
     * @throws AccountException when it is not one of {@code allowed}
     */
    User setLanguage(String language, Set<String> allowed);

    /**
     * Creates an account with a one-time password that must be changed at first login.
     *
     * @param centerId null only for a platform administrator
     * @throws AccountException when the username is taken or malformed, or roles are missing
     */
    NewAccount createUser(String username, String displayName, String centerId, Set<Role> roles, String language);

    /**
     * Creates or replaces a demo account with a documented password and no need to change it. Only for the
     * demo data of a platform started with {@code --demo}; production mode never has default credentials.
     *
     * @throws AccessDeniedException when the platform does not run in demo mode, or the subject is no system subject
     */
    User createDemoUser(String username, String displayName, String centerId, Set<Role> roles, String language,
            String password);

    /** @return the account, if the current subject may administer it */
    Optional<User> user(String username);

    /** @return the accounts the current subject may administer, by username */
    List<User> users();

    /** Disables or enables an account; disabling ends its sessions (its tokens stop working too). */
    User setDisabled(String username, boolean disabled);

    /**
     * Issues a bearer token acting as the given user.
     *
     * @throws AccountException when the user is unknown to the current subject
     */
    IssuedToken issueToken(String username, String label);

    /** @return whether a valid token was revoked (false when unknown to the subject or revoked before) */
    boolean revokeToken(UUID id);

    /** @return the tokens of the users the current subject may administer, newest first */
    List<ApiToken> tokens();
}
