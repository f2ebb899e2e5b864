package com.geopera.worker;

/** What became of a dispatch command handed to this worker. */
public enum Admission {
    /** STARTED is durable in Kafka and the attempt runs here: the record is accepted. */
    STARTED,
    /** The same attempt already runs here (a redelivery): the record is accepted. */
    DUPLICATE,
    /** A CANCEL for the job arrived earlier: CANCELLED was reported instead of running it. */
    CANCELLED_BEFORE_START,
    /**
     * The api no longer expects this attempt (a CANCEL of it arrived, or a newer attempt of the job was seen here):
     * nothing is run or reported, the record is accepted.
     */
    SUPERSEDED,
    /** The worker is shutting down: the record is released so that another worker gets it at once. */
    REFUSED;

    /** Whether the dispatch record is accepted (done with for good) after this outcome, rather than released. */
    public boolean accepts() {
        return this != REFUSED;
    }
}
