package com.geopera.ledger.billing;

/**
 * How many credits a job's settlement asks for, by who reported the job's usage. The ledger then posts
 * {@code min(asked, held)} and gives the rest back, so no rule can charge more than the hold.
 *
 * <pre>
 * METERED:   asked = reported usage (≥ 0), or the hold when none was reported      0 ≤ charged ≤ held
 * FULL_HOLD: asked = the hold, whatever usage was reported                         charged = held ≥ estimate
 * </pre>
 */
public enum ChargeRule {
    /**
     * A platform worker measured the run: it is charged what it used, which its engine caps at the estimate.
     * Only the platform's own workers (Kafka events, or HTTP with scope {@code platform:worker}) settle this way.
     */
    METERED,
    /**
     * A customer registers work it did itself: its usage figure is a claim nobody measured, so the full hold
     * (at least the estimate) is charged — registering is never cheaper than the estimate.
     */
    FULL_HOLD;

    /** The credits to settle the hold with. */
    public long creditsToSettle(long heldCredits, Long reportedCredits) {
        return switch (this) {
            case METERED -> reportedCredits == null ? heldCredits : Math.max(0, reportedCredits);
            case FULL_HOLD -> heldCredits;
        };
    }
}
