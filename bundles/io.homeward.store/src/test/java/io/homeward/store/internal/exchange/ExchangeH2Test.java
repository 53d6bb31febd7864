package io.homeward.store.internal.exchange;

/** {@link ExchangeContract} on an H2 file database, as the platform runs by default. */
class ExchangeH2Test extends ExchangeContract {
}
