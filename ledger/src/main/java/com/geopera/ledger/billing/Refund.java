package com.geopera.ledger.billing;

/**
 * What a closed hold gives back to the org: everything it did not post. A settled hold posts
 * {@code min(asked, held)} and returns the rest; a released (voided) or expired hold posts nothing and returns all.
 *
 * <pre>
 * returned = held − posted        0 ≤ posted ≤ held, so 0 ≤ returned ≤ held
 * </pre>
 */
public final class Refund {
    private Refund() {
    }

    /** The credits a hold of {@code heldCredits} returns once it posted {@code postedCredits}. */
    public static long creditsReturned(long heldCredits, long postedCredits) {
        if (postedCredits < 0 || postedCredits > heldCredits) {
            throw new IllegalArgumentException("posted " + postedCredits + " is outside 0.." + heldCredits);
        }
        return heldCredits - postedCredits;
    }
}
