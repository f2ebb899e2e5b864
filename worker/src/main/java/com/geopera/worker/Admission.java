package com.geopera.worker;

/** What became of a dispatch command handed to this worker. */
public enum Admission {
    /** STARTED is durable in Kafka and the attempt runs here: the record may be committed. */
    STARTED,
    /** The same attempt already runs here (a redelivery): the record may be committed. */
    DUPLICATE,
    /** A CANCEL for the job arrived earlier: CANCELLED was reported instead of running it. */
    CANCELLED_BEFORE_START,
    /**
     * The api no longer expects this attempt (a CANCEL of it arrived, or a newer attempt of the job was seen here):
     * nothing is run or reported, the record may be committed.
     */
    SUPERSEDED,
    /** The worker is shutting down: the record stays uncommitted so another worker gets it. */
    REFUSED,
    /** Its partition went to another worker while it waited for a slot: not run here, not acked (the new owner runs it). */
    REVOKED;

    /** Whether the dispatch record is acked (and may be committed) after this outcome. */
    public boolean acknowledges() {
        return this == STARTED || this == DUPLICATE || this == CANCELLED_BEFORE_START || this == SUPERSEDED;
    }
}
