package com.geopera.ledger;

/** Outcome of {@link Ledger#grant}: {@link Granted}, {@link InvalidAmount} or {@link GrantReferenceReused}. */
public sealed interface GrantResult permits Granted, InvalidAmount, GrantReferenceReused {
    /** Stable snake_case name of the outcome. */
    String code();
}
