/**
 * The Hibernate entities of the api's plain tables (identity, idempotency records, job events, jobs), mapped onto the
 * tables Flyway creates; their repositories are the stores in {@code com.geopera.api.store}, which callers inject.
 * The ledger, the outbox and the job listings stay on JDBC (docs/API.md, "Persistence").
 */
package com.geopera.api.store.entity;
