package com.geopera.ledger.billing;

/**
 * What a measured run may report as used: the price of what it produced, never more than the estimate of the same
 * inputs (the number the customer saw and the hold covers), so a run that produced more than estimated is not
 * charged for the surprise.
 *
 * <pre>
 * used = min(price(actual quantities), price(estimated quantities))     0 ≤ used ≤ estimate
 * </pre>
 */
public final class UsageCap {
    private UsageCap() {
    }

    /** The credits to report for a run priced at {@code measuredCredits} whose estimate was {@code estimatedCredits}. */
    public static long creditsUsed(long measuredCredits, long estimatedCredits) {
        return Math.max(0, Math.min(measuredCredits, estimatedCredits));
    }
}
