package com.geopera.ledger.billing;

/**
 * How many credits a job holds when it is queued: its estimate, and at least {@link #MIN_HOLD_CREDITS} because the
 * ledger refuses empty holds (a job estimated at 0 still reserves its one credit, and is charged what it used).
 *
 * <pre>
 * held = max(MIN_HOLD_CREDITS, estimate)        held ≥ 1, held ≥ estimate
 * </pre>
 */
public final class HoldRule {
    /** The smallest hold the ledger takes. */
    public static final long MIN_HOLD_CREDITS = 1;

    private HoldRule() {
    }

    /** The credits to hold for a job estimated at {@code estimatedCredits}. */
    public static long creditsToHold(long estimatedCredits) {
        return Math.max(MIN_HOLD_CREDITS, estimatedCredits);
    }
}
