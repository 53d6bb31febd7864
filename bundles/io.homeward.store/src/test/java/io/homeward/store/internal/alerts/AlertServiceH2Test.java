package io.homeward.store.internal.alerts;

/** {@link AlertServiceContract} on an H2 file database, as the platform runs by default. */
class AlertServiceH2Test extends AlertServiceContract {
}
