package com.geopera.ledger;

/** Outcome of {@link Ledger#release}: {@link Released}, or a refusal: {@link NoHold}, {@link HoldAlreadyPosted}. */
public sealed interface ReleaseResult permits Released, NoHold, HoldAlreadyPosted {
    /** Stable snake_case name of the outcome. */
    String code();
}
