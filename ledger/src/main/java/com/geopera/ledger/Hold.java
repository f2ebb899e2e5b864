package com.geopera.ledger;

import com.geopera.ledger.billing.Refund;
import java.time.Instant;

/**
 * One job's reservation of credits (a pending two-phase transfer). {@code amount} and
 * {@code postedAmount} are credits; {@code closedAt} is null while the hold is pending.
 */
public record Hold(String jobId, String orgId, long amount, HoldStatus status, long postedAmount,
                   Instant expiresAt, Instant createdAt, Instant closedAt) {

    /** Credits given back to the org when the hold closed (0 while pending). */
    public long releasedAmount() {
        return status == HoldStatus.PENDING ? 0 : Refund.creditsReturned(amount, postedAmount);
    }
}
