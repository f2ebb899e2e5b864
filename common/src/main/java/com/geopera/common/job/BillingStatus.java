package com.geopera.common.job;

/** Where a job's credits stand in the ledger: nothing held yet, held, charged, or given back. */
public enum BillingStatus {
    NONE, RESERVED, SETTLED, RELEASED;

    public String wireName() {
        return name().toLowerCase();
    }
}
