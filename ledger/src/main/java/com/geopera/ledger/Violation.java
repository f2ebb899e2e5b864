package com.geopera.ledger;

/** One broken ledger invariant: a stable snake_case {@code code}, what it concerns, and the numbers seen. */
public record Violation(String code, String subject, String detail) {
}
