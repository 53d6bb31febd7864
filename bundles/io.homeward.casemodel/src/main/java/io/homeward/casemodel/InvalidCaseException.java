package io.homeward.casemodel;

import java.util.List;

/** A request breaks the rules of the case's center; {@link #violations()} lists every problem found. */
public class InvalidCaseException extends CaseException {
    private static final long serialVersionUID = 1L;
    private final List<Violation> violations;

    public InvalidCaseException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidCaseException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    /** @return the problems found, never empty */
    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid case needs at least one violation");
        }
        StringBuilder sb = new StringBuilder();
        for (Violation v : violations) {
            sb.append(sb.length() == 0 ? "" : "; ").append(v.field() == null ? "" : v.field() + ": ").append(v.message());
        }
        return sb.toString();
    }

    /**
     * One problem with a request.
     *
     * @param field the field concerned, or null when the problem is not tied to one field
     * @param message what is wrong, readable by the person who made the request
     */
    public record Violation(String field, String message) {
    }
}
