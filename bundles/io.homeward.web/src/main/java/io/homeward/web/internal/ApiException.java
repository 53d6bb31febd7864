package io.homeward.web.internal;

import io.homeward.casemodel.InvalidCaseException.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request that cannot be served, with the HTTP status and the message its sender can act on. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient List<Violation> violations;
    private final String language;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    ApiException(int status, String detail) {
        this(status, detail, List.of());
    }

    ApiException(int status, String detail, List<Violation> violations) {
        this(status, detail, violations, null);
    }

    /** @param language the language the detail is written in, when not English; may be null */
    ApiException(int status, String detail, List<Violation> violations, String language) {
        super(detail);
        this.status = status;
        this.violations = List.copyOf(violations);
        this.language = language;
    }

    /** @return the language of the message, or null for English */
    String language() {
        return language;
    }

    /** @return this, to be sent with the given header as well */
    ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return headers to send with the problem, by name; never null */
    Map<String, String> headers() {
        return headers;
    }

    int status() {
        return status;
    }

    List<Violation> violations() {
        return violations;
    }
}
