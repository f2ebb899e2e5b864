package com.geopera.ledger;

import java.util.Locale;

/** What a journal entry records: a grant, a hold opening, or one of the three ways a hold closes. */
public enum EntryKind {
    GRANT, RESERVE, SETTLE, RELEASE, EXPIRE;

    /** The lowercase name stored in {@code ledger_journal.kind}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EntryKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
