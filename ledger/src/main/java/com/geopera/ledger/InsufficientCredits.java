package com.geopera.ledger;

/** The org's available credits do not cover the hold; nothing was reserved (HTTP 402). */
public record InsufficientCredits(long availableCredits, long requiredCredits) implements ReserveResult {
    @Override
    public String code() {
        return "insufficient_credits";
    }
}
