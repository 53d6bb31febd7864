package io.homeward.center.internal;

import java.util.List;
import java.util.stream.Collectors;

/** A declaration file that cannot be accepted; carries every problem found, not just the first. */
final class DeclarationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<DeclarationProblem> problems;

    DeclarationException(List<DeclarationProblem> problems) {
        super(problems.stream().map(DeclarationProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    List<DeclarationProblem> problems() {
        return problems;
    }
}
