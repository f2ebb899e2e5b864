package com.geopera.common.messaging;

/** What the api did with one worker event; stored in {@code job_events.outcome} by its wire name. */
public enum EventOutcome {
    /** The event changed the job (or, for a heartbeat, its liveness). */
    APPLIED,
    /** An event with this {@code event_id} was applied before. */
    DUPLICATE,
    /** No job has the event's {@code job_id}. */
    UNKNOWN_JOB,
    /** The event is about an attempt other than the job's current one. */
    STALE_ATTEMPT,
    /** The job's status does not allow what the event reports (a late event of a cancelled job, …). */
    ILLEGAL_TRANSITION;

    public String wireName() {
        return name().toLowerCase();
    }
}
