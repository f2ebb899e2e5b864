package com.geopera.api;

import com.geopera.common.job.IllegalTransitionException;
import com.geopera.common.job.JobStatus;
import com.geopera.common.messaging.EventOutcome;

/**
 * What an intent of the {@link Job} aggregate did: a value the caller branches on, never an exception with free
 * text. Only {@link Applied} changed the job.
 */
public sealed interface JobChange {

    /** The job took the intent; {@code from == to} when it changed without changing status (a heartbeat). */
    record Applied(JobStatus from, JobStatus to) implements JobChange {
        /** Whether the status changed, so the job row must be written. */
        public boolean moved() {
            return from != to;
        }
    }

    /** The transition table (or the intent's own narrower rule) does not allow {@code from → to}; nothing changed. */
    record Refused(JobStatus from, JobStatus to) implements JobChange {
        /** The HTTP edge's form of the refusal: 409 {@code illegal_transition}. */
        public IllegalTransitionException exception() {
            return new IllegalTransitionException(from, to);
        }
    }

    /** A worker reported on an attempt other than the job's current one; nothing changed. */
    record StaleAttempt(int currentAttempt, int reportedAttempt) implements JobChange {
    }

    default boolean applied() {
        return this instanceof Applied;
    }

    /** Throws the refusal as the HTTP edge's 409; does nothing for any other change. */
    default JobChange orThrow() {
        if (this instanceof Refused refused) {
            throw refused.exception();
        }
        if (this instanceof StaleAttempt stale) {
            throw new IllegalStateException("attempt " + stale.reportedAttempt() + " is not the current attempt "
                    + stale.currentAttempt());
        }
        return this;
    }

    /** The outcome a worker event with this change gets in {@code job_events}. */
    default EventOutcome eventOutcome() {
        if (this instanceof Refused) {
            return EventOutcome.ILLEGAL_TRANSITION;
        }
        return this instanceof StaleAttempt ? EventOutcome.STALE_ATTEMPT : EventOutcome.APPLIED;
    }
}
