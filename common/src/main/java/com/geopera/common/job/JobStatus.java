package com.geopera.common.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a processing job. Every legal transition is listed here and nowhere else.
 *
 * <pre>
 * created → queued → running → succeeded | failed | cancelled
 * created → cancelled, queued → failed | cancelled, running → queued (re-dispatch of a dead attempt)
 * </pre>
 */
public enum JobStatus {
    CREATED("accepted"),
    QUEUED("accepted"),
    RUNNING("running"),
    SUCCEEDED("successful"),
    FAILED("failed"),
    CANCELLED("dismissed");

    private final String ogcStatus;

    JobStatus(String ogcStatus) {
        this.ogcStatus = ogcStatus;
    }

    /** The OGC API – Processes status code for this status. */
    public String ogcStatus() {
        return ogcStatus;
    }

    /** The lower-case wire name used in JSON and the database. */
    public String wireName() {
        return name().toLowerCase();
    }

    public static JobStatus fromWireName(String value) {
        for (JobStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown job status: " + value);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Statuses this one may move to. */
    public Set<JobStatus> successors() {
        return switch (this) {
            case CREATED -> EnumSet.of(QUEUED, CANCELLED, FAILED);
            case QUEUED -> EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(QUEUED, SUCCEEDED, FAILED, CANCELLED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canMoveTo(JobStatus next) {
        return successors().contains(next);
    }

    /**
     * Checks a transition and returns the new status.
     *
     * @throws IllegalTransitionException when {@code next} is not a successor of this status
     */
    public JobStatus moveTo(JobStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }
}
