/**
 * Search upkeep: the work that keeps what search reads complete, beside the searches themselves (which run in
 * {@code cases}). Today that is {@link io.homeward.store.internal.search.NameKeyBackfill}, the background job that
 * gives the persons stored before name keys existed (migration V10), or stored under an older
 * {@link io.homeward.store.internal.caserecord.NameKeys#VERSION}, their keys in {@code hw_name_key}, and reports its
 * progress as a health check. Owns no table: it rewrites the keys that {@code caserecord} defines, with the rules of
 * {@link io.homeward.store.internal.caserecord.NameKeys}.
 *
 * <p>Uses {@code db} and {@code caserecord}; may use {@code audit}, {@code security} and {@code cases} as it grows.
 * Nothing uses it: it has no entry points.
 */
package io.homeward.store.internal.search;
