package io.homeward.store.internal.security;

/** {@link SecurityContract} on an H2 file database, as the platform runs by default. */
class SecurityH2Test extends SecurityContract {
}
