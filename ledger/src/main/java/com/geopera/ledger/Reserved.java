package com.geopera.ledger;

/** The job holds credits; {@code alreadyExisted} when this repeated an earlier reserve (nothing changed). */
public record Reserved(Hold hold, boolean alreadyExisted) implements ReserveResult {
    @Override
    public String code() {
        return "reserved";
    }
}
