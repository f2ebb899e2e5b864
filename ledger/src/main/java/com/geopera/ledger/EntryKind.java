package com.geopera.ledger;

import java.util.Locale;

/** What a journal entry records: a grant, a hold opening, or one of the three ways a hold closes. */
public enum EntryKind {
    GRANT, RESERVE, SETTLE, RELEASE, EXPIRE;

    /** The lowercase name stored in {@code ledger_journal.kind}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The entry that records a hold closing with this status. */
    static EntryKind closing(HoldStatus status) {
        return switch (status) {
            case POSTED -> SETTLE;
            case VOIDED -> RELEASE;
            case EXPIRED -> EXPIRE;
            case PENDING -> throw new IllegalArgumentException("a pending hold has not closed");
        };
    }

    static EntryKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
