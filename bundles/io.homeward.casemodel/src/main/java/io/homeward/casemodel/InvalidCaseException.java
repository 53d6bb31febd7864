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
     * One problem with a request. Problems with a {@code code} can be shown in the user's language: the
     * platform keeps one message per code and language, filled with the field's label and the arguments.
     *
     * @param field the field concerned, or null when the problem is not tied to one field
     * @param message what is wrong, in English, readable by the person who made the request; never null
     * @param code a stable identifier of the kind of problem (e.g. {@code field.required-in-state}), or null
     * @param arguments the values the message is about, in the order of the code's message; never null
     */
    public record Violation(String field, String message, String code, List<String> arguments) {
        public Violation {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        /** A problem without a code, shown in English. */
        public Violation(String field, String message) {
            this(field, message, null, List.of());
        }
    }
}
