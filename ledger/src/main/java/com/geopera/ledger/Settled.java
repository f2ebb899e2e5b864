package com.geopera.ledger;

/**
 * The hold was posted: {@code postedCredits} charged, {@code releasedCredits} given back; with
 * {@code alreadySettled} this repeated an earlier settle and reports that first settlement.
 */
public record Settled(Hold hold, long postedCredits, long releasedCredits, boolean alreadySettled)
        implements SettleResult {
    @Override
    public String code() {
        return "settled";
    }
}
