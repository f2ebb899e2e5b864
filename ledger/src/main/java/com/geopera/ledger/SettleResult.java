package com.geopera.ledger;

/**
 * Outcome of {@link Ledger#settle}: {@link Settled}, or a refusal that changed nothing: {@link NoHold},
 * {@link HoldAlreadyReleased}, {@link HoldExpired}, {@link InvalidAmount}.
 */
public sealed interface SettleResult permits Settled, NoHold, HoldAlreadyReleased, HoldExpired, InvalidAmount {
    /** Stable snake_case name of the outcome. */
    String code();
}
