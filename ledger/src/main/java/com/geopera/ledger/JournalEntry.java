package com.geopera.ledger;

import java.time.Instant;

/**
 * One immutable journal line: credits moved from the debit to the credit account. {@code pendingDeltaCredits}
 * changes both accounts' pending counters, {@code postedCredits} adds to both posted counters.
 * {@code jobId} is null for grants, {@code reference} is null for hold entries.
 */
public record JournalEntry(long entryId, EntryKind kind, String orgId, String debitAccountId,
                           String creditAccountId, long pendingDeltaCredits, long postedCredits,
                           String jobId, String reference, Instant createdAt) {
}
