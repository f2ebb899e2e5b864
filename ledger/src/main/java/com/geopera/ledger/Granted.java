package com.geopera.ledger;

/** Credits were added to the org (or, with {@code alreadyGranted}, this reference had added them before). */
public record Granted(JournalEntry entry, Balance balance, boolean alreadyGranted) implements GrantResult {
    @Override
    public String code() {
        return "granted";
    }
}
