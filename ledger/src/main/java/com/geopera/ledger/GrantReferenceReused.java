package com.geopera.ledger;

/** The grant reference was already used for another org or amount; nothing was granted. */
public record GrantReferenceReused(JournalEntry existing) implements GrantResult {
    @Override
    public String code() {
        return "grant_reference_reused";
    }
}
