package com.geopera.ledger;

/** The hold's TTL passed (it is, or has just been, voided as expired); it can no longer be settled. */
public record HoldExpired(Hold hold) implements SettleResult {
    @Override
    public String code() {
        return "hold_expired";
    }
}
