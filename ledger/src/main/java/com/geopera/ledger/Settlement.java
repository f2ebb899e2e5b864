package com.geopera.ledger;

/** One settle of a batch ({@link Ledger#settleAll}): charge up to {@code actualCredits} of the job's hold. */
public record Settlement(String jobId, long actualCredits) {
}
