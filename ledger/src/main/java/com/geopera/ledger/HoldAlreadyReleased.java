package com.geopera.ledger;

/** The hold was released before; it can no longer be settled. */
public record HoldAlreadyReleased(Hold hold) implements SettleResult {
    @Override
    public String code() {
        return "hold_already_released";
    }
}
