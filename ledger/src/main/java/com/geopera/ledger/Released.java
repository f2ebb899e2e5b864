package com.geopera.ledger;

/**
 * The hold's credits are back with the org; {@code alreadyReleased} when it was voided or expired before
 * (nothing changed).
 */
public record Released(Hold hold, boolean alreadyReleased) implements ReleaseResult {
    @Override
    public String code() {
        return "released";
    }
}
