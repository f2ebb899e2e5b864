package com.geopera.ledger;

import java.util.Locale;

/** Where a hold stands: still pending, or closed by posting, voiding (release) or expiry. */
public enum HoldStatus {
    PENDING, POSTED, VOIDED, EXPIRED;

    /** The lowercase name stored in {@code ledger_holds.status}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HoldStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
