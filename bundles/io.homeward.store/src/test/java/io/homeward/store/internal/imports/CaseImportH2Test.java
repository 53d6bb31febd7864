package io.homeward.store.internal.imports;

/** {@link CaseImportContract} on an H2 file database in a temporary folder, as the platform runs by default. */
class CaseImportH2Test extends CaseImportContract {
}
