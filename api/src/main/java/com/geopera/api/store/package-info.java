/**
 * Plain JDBC, one class per table group (jobs and their listings, liveness and dispatch positions, identities,
 * idempotency records, job events, the outbox, operators' tables), on the connection of the current JTA transaction
 * so that a job row, its ledger hold and its outbox row commit together.
 */
package com.geopera.api.store;
