package com.geopera.common.job;

/** A job status change that the state machine does not allow (HTTP 409 {@code illegal_transition}). */
public final class IllegalTransitionException extends RuntimeException {
    private final JobStatus from;
    private final JobStatus to;

    public IllegalTransitionException(JobStatus from, JobStatus to) {
        super("a " + from.wireName() + " job cannot become " + to.wireName());
        this.from = from;
        this.to = to;
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }
}
