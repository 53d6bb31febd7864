package io.homeward.web.internal;

import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AccountService;
import io.homeward.casemodel.security.User;
import io.homeward.casemodel.security.UserSession;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/session}: log in (POST, open to all), who am I (GET), log out (DELETE), and the user's own
 * settings: {@code /language} (PUT) and {@code /password} (PUT). The session cookie is HttpOnly (no script reads
 * it), SameSite=Strict (no other site's page sends it) and Secure on HTTPS; its value is a random 256-bit token
 * that the database knows only hashed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/session", "/api/v1/session/*"})
public final class SessionServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient AccountService accounts;
    private final transient CenterRegistry centers;

    @Activate
    public SessionServlet(@Reference AccountService accounts, @Reference CenterRegistry centers) {
        this.accounts = accounts;
        this.centers = centers;
    }

    /** The body of a login. */
    record Login(String username, String password) {
        Login {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /** The body of a language change. */
    record Language(String language) {
        Language {
            Objects.requireNonNull(language, "language");
        }
    }

    /** The body of a password change. */
    record PasswordChange(String currentPassword, String newPassword) {
        PasswordChange {
            Objects.requireNonNull(currentPassword, "currentPassword");
            Objects.requireNonNull(newPassword, "newPassword");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
            throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
        Login login = Json.read(req, Login.class);
        UserSession session = accounts.login(login.username(), login.password(), req.getRemoteAddr());
        resp.addHeader("Set-Cookie", cookie(session.token(), req.isSecure(), false));
        resp.setHeader("Cache-Control", "no-store");
        json(resp, 200, body(session.user(), session.csrfToken()));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        requireRoot(req);
        UserSession session = (UserSession) req.getAttribute(AuthenticationFilter.SESSION_ATTRIBUTE);
        resp.setHeader("Cache-Control", "no-store");
        if (session != null) {
            json(resp, 200, body(session.user(), session.csrfToken()));
        } else {
            // a bearer token: the same user, and no CSRF token, which bearer requests do not need
            json(resp, 200, body(currentUser(req), null));
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        requireRoot(req);
        AuthenticationFilter.cookie(req).ifPresent(accounts::logout);
        resp.addHeader("Set-Cookie", cookie("", req.isSecure(), true));
        resp.setStatus(204);
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo();
        if ("/language".equals(info)) {
            Language language = Json.read(req, Language.class);
            accounts.setLanguage(language.language(), languages(currentUser(req)));
        } else if ("/password".equals(info)) {
            PasswordChange change = Json.read(req, PasswordChange.class);
            accounts.changePassword(change.currentPassword(), change.newPassword(),
                    AuthenticationFilter.cookie(req).orElse(null));
        } else {
            throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
        resp.setStatus(204);
    }

    private static User currentUser(HttpServletRequest req) {
        return (User) req.getAttribute(AuthenticationFilter.USER_ATTRIBUTE);
    }

    private static void requireRoot(HttpServletRequest req) {
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
            throw new ApiException(405, "use PUT on " + req.getRequestURI());
        }
    }

    /** @return the languages the user may choose: their center's, and English */
    private Set<String> languages(User user) {
        Set<String> languages = new LinkedHashSet<>();
        if (user.centerId() != null) {
            centers.center(user.centerId()).map(Center::languages).ifPresent(languages::addAll);
        }
        languages.add("en");
        return languages;
    }

    private Map<String, Object> body(User user, String csrfToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("username", user.username());
        u.put("displayName", user.displayName());
        u.put("centerId", user.centerId());
        u.put("roles", user.roles().stream().sorted().map(Enum::name).toList());
        // what the roles allow, so that the UI offers only what the store would let the user do
        u.put("permissions", user.roles().stream().flatMap(role -> role.permissions().stream()).distinct().sorted()
                .map(Enum::name).toList());
        u.put("language", user.language());
        u.put("languages", List.copyOf(languages(user)));
        u.put("mustChangePassword", user.mustChangePassword());
        body.put("user", u);
        body.put("csrfToken", csrfToken);
        return body;
    }

    /** The session cookie, or the header that deletes it. */
    static String cookie(String token, boolean secure, boolean clear) {
        return AuthenticationFilter.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
                + (clear ? "; Max-Age=0" : "") + (secure ? "; Secure" : "");
    }
}
