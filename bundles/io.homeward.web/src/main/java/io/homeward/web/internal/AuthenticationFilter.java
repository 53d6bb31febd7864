package io.homeward.web.internal;

import io.homeward.casemodel.security.AccountService;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.security.User;
import io.homeward.casemodel.security.UserSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Authenticates every request under {@code /api}: by the session cookie {@value #COOKIE} (browsers) or by
 * {@code Authorization: Bearer} (integrations), and runs the request as that user ({@link SubjectContext}), so
 * that the store authorizes and scopes whatever the endpoint asks of it. Only {@code POST /api/v1/session}, the
 * login, and {@code POST /api/v1/exchange/packages}, where a partner deployment delivers a package signed with its
 * key, are open; anything else without valid credentials gets 401.
 *
 * <p>A state-changing request (anything but GET, HEAD and OPTIONS) authenticated by the cookie must carry
 * {@value #CSRF_HEADER} equal to its session's CSRF token, else 403 before the endpoint sees it: another site can
 * make a browser send the cookie, not read the token. Bearer requests need none (a browser never adds that header
 * by itself). A user who still has a one-time password may only look at, end, or change the password of their
 * session.
 */
@Component(service = jakarta.servlet.Filter.class)
@HttpWhiteboardFilterPattern("/api/*")
public final class AuthenticationFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    static final String COOKIE = "homeward_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Request attribute holding the {@link UserSession} of a cookie-authenticated request. */
    static final String SESSION_ATTRIBUTE = "io.homeward.web.session";
    /** Request attribute holding the authenticated {@link User}, however authenticated. */
    static final String USER_ATTRIBUTE = "io.homeward.web.user";
    static final String LOGIN = "/api/v1/session";
    /** Where partner deployments deliver exchange packages; authenticated by the package's signature. */
    static final String EXCHANGE_PACKAGES = "/api/v1/exchange/packages";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final transient AccountService accounts;

    @Activate
    public AuthenticationFilter(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        // the login, and a partner deployment's package, whose signature is its credential (docs/security.md)
        if ((path.equals(LOGIN) || path.equals(EXCHANGE_PACKAGES)) && req.getMethod().equals("POST")) {
            chain.doFilter(req, resp);
            return;
        }
        User user;
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            user = accounts.bearer(authorization.substring(7).strip()).orElse(null);
        } else {
            UserSession session = cookie(req).flatMap(accounts::session).orElse(null);
            user = session == null ? null : session.user();
            if (session != null) {
                if (!SAFE_METHODS.contains(req.getMethod()) && !sameToken(session.csrfToken(), req.getHeader(CSRF_HEADER))) {
                    ApiServlet.problem(req, resp, 403, "this request changes data and needs the header " + CSRF_HEADER
                            + " with the csrfToken of your session", List.of());
                    return;
                }
                if (user.mustChangePassword() && !mayWithOneTimePassword(req.getMethod(), path)) {
                    ApiServlet.problem(req, resp, 403, "change your one-time password first (PUT " + LOGIN + "/password)",
                            List.of());
                    return;
                }
                req.setAttribute(SESSION_ATTRIBUTE, session);
            }
        }
        if (user == null) {
            ApiServlet.problem(req, resp, 401, "log in first (POST " + LOGIN + ") or send a valid bearer token", List.of(),
                    "WWW-Authenticate", "Bearer realm=\"homeward\"");
            return;
        }
        req.setAttribute(USER_ATTRIBUTE, user);
        try {
            SubjectContext.runAs(user.subject(), () -> {
                try {
                    chain.doFilter(req, resp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new WrappedServletException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (WrappedServletException e) {
            throw e.servletException;
        }
    }

    private static boolean mayWithOneTimePassword(String method, String path) {
        return path.equals(LOGIN) && (method.equals("GET") || method.equals("DELETE"))
                || path.equals(LOGIN + "/password") && method.equals("PUT");
    }

    /** @return the session cookie's value, when the request has one */
    static Optional<String> cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE) && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Constant-time comparison, so that response times do not reveal how much of a guess was right. */
    private static boolean sameToken(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Carries a ServletException through the Runnable of {@link SubjectContext#runAs}. */
    private static final class WrappedServletException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ServletException servletException;

        WrappedServletException(ServletException e) {
            super(e);
            this.servletException = e;
        }
    }
}
