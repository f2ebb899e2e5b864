package com.geopera.ledger;

import java.util.List;

/** Result of {@link Ledger#checkInvariants}: {@code ok} exactly when {@code violations} is empty. */
public record InvariantReport(boolean ok, List<Violation> violations) {

    public InvariantReport {
        violations = List.copyOf(violations);
        if (ok != violations.isEmpty()) {
            throw new IllegalArgumentException("ok must be true exactly when there are no violations");
        }
    }

    static InvariantReport of(List<Violation> violations) {
        return new InvariantReport(violations.isEmpty(), violations);
    }
}
