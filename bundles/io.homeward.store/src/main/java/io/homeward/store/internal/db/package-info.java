/**
 * The database: the HikariCP pool, the schema brought up to date by Flyway (migrations in
 * {@code io/homeward/store/migration}), the Hibernate session factory, the store's configuration
 * ({@link io.homeward.store.internal.db.StoreConfiguration}) and its health check. Owns no table and uses no other
 * package of the store: the entities it maps are handed to it by the composition root.
 *
 * <p>Entry points: {@link io.homeward.store.internal.db.Database} (its {@code inTransaction} is how every domain
 * reads and writes) and {@link io.homeward.store.internal.db.StoreConfiguration}.
 */
package io.homeward.store.internal.db;
