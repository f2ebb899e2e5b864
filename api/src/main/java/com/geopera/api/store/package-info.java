/**
 * One class per table group, on the connection of the current JTA transaction so that a job row, its ledger hold,
 * its outbox row and its idempotency record commit together: Hibernate ORM (entities in {@code store.entity}) for
 * the plain tables (identities, idempotency records, job events) and the job row (a stateless session, optimistic on
 * its {@code @Version}), JDBC where the SQL is the point (job listings, liveness and dispatch positions, the outbox,
 * operators' tables).
 */
package com.geopera.api.store;
