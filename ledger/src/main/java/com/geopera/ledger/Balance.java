package com.geopera.ledger;

/**
 * An org's credits: {@code posted} (granted minus charged), {@code pending} (held by open holds) and
 * {@code available = posted - pending}, which the database keeps at or above zero. All in credits.
 */
public record Balance(long posted, long pending, long available) {

    /** The balance of an org the ledger has never seen. */
    public static final Balance EMPTY = new Balance(0, 0, 0);

    static Balance fromCounters(long debitsPending, long debitsPosted, long creditsPosted) {
        long posted = creditsPosted - debitsPosted;
        return new Balance(posted, debitsPending, posted - debitsPending);
    }
}
