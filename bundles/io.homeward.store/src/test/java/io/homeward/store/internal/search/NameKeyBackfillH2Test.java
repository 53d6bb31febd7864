package io.homeward.store.internal.search;

/** {@link NameKeyBackfillContract} on an H2 file database in a temporary folder, as the platform runs by default. */
class NameKeyBackfillH2Test extends NameKeyBackfillContract {
}
