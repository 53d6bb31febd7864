package io.homeward.casemodel;

import java.util.Objects;
import java.util.UUID;

/**
 * A person as linked to one case.
 *
 * @param id stable identifier, never null
 * @param details never null
 */
public record Person(UUID id, PersonDetails details) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(details, "details");
    }
}
