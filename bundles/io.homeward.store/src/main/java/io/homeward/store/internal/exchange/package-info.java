/**
 * The exchange with partner deployments: signed case packages
 * ({@link io.homeward.store.internal.exchange.ExchangePackage}, {@link io.homeward.store.internal.exchange.ExchangeKeys}),
 * built and queued in the transaction that records the sending, delivered from an outbox
 * ({@link io.homeward.store.internal.exchange.ExchangeOutbox}) and received into an inbox
 * ({@link io.homeward.store.internal.exchange.ExchangeServiceImpl}, wrapped by
 * {@link io.homeward.store.internal.exchange.AuthorizedExchangeService}). A package's JSON is kept as the exact bytes
 * that were signed, which is why it is written here and not by a renderer. Uses {@code db}, {@code caserecord},
 * {@code audit}, {@code cases}, and {@code security} for the console subject. No other domain uses it.
 */
package io.homeward.store.internal.exchange;
