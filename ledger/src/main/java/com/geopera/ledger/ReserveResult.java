package com.geopera.ledger;

/**
 * Outcome of {@link Ledger#reserve}: {@link Reserved}, or a refusal that reserved nothing:
 * {@link InsufficientCredits}, {@link InvalidAmount}, {@link HoldExistsWithDifferentTerms}.
 */
public sealed interface ReserveResult permits Reserved, InsufficientCredits, InvalidAmount, HoldExistsWithDifferentTerms {
    /** Stable snake_case name of the outcome. */
    String code();
}
