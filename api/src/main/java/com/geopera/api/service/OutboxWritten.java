package com.geopera.api.service;

/**
 * Fired (a CDI event) when a transaction wrote to the outbox; the relay observes it once that transaction has
 * committed and publishes at once instead of at its next poll. A rollback drops it, as it drops the rows.
 */
public record OutboxWritten() {
}
