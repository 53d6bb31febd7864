/**
 * The case store: Homeward's services on Hibernate ORM over H2 or PostgreSQL. One package per domain, each owning
 * its tables and rules, and depending on the others only through their named entry points (each package's
 * {@code package-info} says which); the walls are architecture tests (itests/architecture), and
 * docs/architecture.md draws them. From the bottom up:
 * <ul>
 * <li>{@code db}: the database, its configuration, migrations and health;
 * <li>{@code caserecord}: the case record every domain shares (case row, visibility, row lock, side timeline);
 * <li>{@code audit}: the hash-chained audit trail;
 * <li>{@code security}: users, sessions, tokens, login throttling;
 * <li>{@code cases}: intake, numbering, search, workflow, notes, attachments, SLA escalation;
 * <li>{@code alerts}, {@code referrals}, {@code transfers}, {@code exchange}: the work built on a case;
 * <li>{@code duplicates}: possible same child, and staff's decisions about it;
 * <li>{@code search}: upkeep of what search reads (the name-key backfill);
 * <li>{@code imports}: bulk import of a center's legacy records.
 * </ul>
 * This package is the composition root: {@link io.homeward.store.internal.StoreDatabase} names the entities of every
 * domain, so that {@code db} needs none of them. A new domain gets a package of its own beside the others, its
 * entities listed there, and its migrations in {@code io/homeward/store/migration}.
 */
package io.homeward.store.internal;
