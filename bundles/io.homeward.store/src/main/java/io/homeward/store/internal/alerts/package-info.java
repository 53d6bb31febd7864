/**
 * Child abduction alerts: request, four-eyes decision, issue, update and cancel
 * ({@link io.homeward.store.internal.alerts.AlertServiceImpl}, wrapped with authorization and audit by
 * {@link io.homeward.store.internal.alerts.AuthorizedAlertService}, the {@code AlertService}); their OASIS CAP 1.2
 * messages ({@link io.homeward.store.internal.alerts.CapWriter}); and the delivery of those messages to alert
 * channels from an outbox ({@link io.homeward.store.internal.alerts.AlertDispatcher}).
 *
 * <p>The CAP writer stays in the store, not in a renderer bundle: a message is written once, in the transaction that
 * issues, updates or cancels the alert, and its bytes are stored with that change. Those stored bytes are what every
 * channel receives, what the feed serves, and what later messages quote in their {@code references}; rendering them
 * again later, or outside the transaction, could publish a message that differs from the one recorded.
 *
 * <p>Uses {@code db}, {@code caserecord}, {@code audit} and {@code cases}. Entry point:
 * {@link io.homeward.store.internal.alerts.AlertServiceImpl#openAlerts}, as a case with an alert under way is not
 * transferred.
 */
package io.homeward.store.internal.alerts;
