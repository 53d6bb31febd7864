package io.homeward.store.internal.cases;

/** {@link CaseServiceContract} on an H2 file database in a temporary folder, as the platform runs by default. */
class CaseServiceH2Test extends CaseServiceContract {
}
