package com.geopera.ledger;

/** The job already has a hold for another org or amount; one hold per job, so nothing changed. */
public record HoldExistsWithDifferentTerms(Hold existing) implements ReserveResult {
    @Override
    public String code() {
        return "hold_exists_with_different_terms";
    }
}
