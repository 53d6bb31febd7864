/**
 * Accounts, roles, browser sessions, bearer tokens, login throttling and password hashing
 * ({@link io.homeward.store.internal.security.AccountServiceImpl}, the {@code AccountService}), and the Gogo commands
 * for accounts and the audit trail ({@link io.homeward.store.internal.security.SecurityCommands}). Every one of them is
 * a row, so that any node serves any request. Uses {@code db} and {@code audit}.
 *
 * <p>Entry points: {@link io.homeward.store.internal.security.UserEntity}, read by {@code cases} to check that an
 * assignee is an enabled user, and {@link io.homeward.store.internal.security.SecurityCommands#CONSOLE}, the subject
 * that console commands run as.
 */
package io.homeward.store.internal.security;
