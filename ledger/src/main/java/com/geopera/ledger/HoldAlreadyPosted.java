package com.geopera.ledger;

/** The hold was settled before; its charge stands and nothing is released. */
public record HoldAlreadyPosted(Hold hold) implements ReleaseResult {
    @Override
    public String code() {
        return "hold_already_posted";
    }
}
