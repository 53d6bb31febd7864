package io.homeward.web.internal;

import io.homeward.casemodel.InvalidCaseException.Violation;
import java.util.List;

/** A request that cannot be served, with the HTTP status and the message its sender can act on. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient List<Violation> violations;
    private final String language;

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

    int status() {
        return status;
    }

    List<Violation> violations() {
        return violations;
    }
}
