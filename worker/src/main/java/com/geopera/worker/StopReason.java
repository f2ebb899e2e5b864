package com.geopera.worker;

/** Why a running job was asked to stop before it finished by itself. */
public enum StopReason {
    /** A CANCEL arrived on the control topic: the job ends CANCELLED. */
    CANCEL_REQUESTED,
    /**
     * It ran longer than {@code geopera.worker.job-timeout}: the job ends FAILED with code {@code time_limit_exceeded}
     * (the watchdog reports it the same way when the run ignores the stop).
     */
    TIMED_OUT,
    /** The worker is shutting down: nothing is reported, the api's reaper re-dispatches the job. */
    SHUTTING_DOWN
}
