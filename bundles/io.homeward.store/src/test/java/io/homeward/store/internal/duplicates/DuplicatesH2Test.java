package io.homeward.store.internal.duplicates;

/** {@link DuplicatesContract} on an H2 file database in a temporary folder, as the platform runs by default. */
class DuplicatesH2Test extends DuplicatesContract {
}
