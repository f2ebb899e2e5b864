package com.geopera.ledger;

/** The job has no hold (it was never reserved). */
public record NoHold(String jobId) implements SettleResult, ReleaseResult {
    @Override
    public String code() {
        return "no_hold";
    }
}
