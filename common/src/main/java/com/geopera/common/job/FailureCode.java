package com.geopera.common.job;

import java.util.Optional;

/**
 * Why a job failed: the stable {@code error.code} of a failed job, whoever decided it (a worker in its FAILED event,
 * the engine that ran the process, or the api). Clients branch on the wire name, so a wire name never changes. A
 * worker may report a code not listed here (an engine's own); the api stores it as reported.
 */
public enum FailureCode {
    // Reported by a worker when it refuses to run or finish an attempt; none of these costs credits.
    /** The worker's own estimate of the inputs is above the credits the api reserved for the attempt. */
    ESTIMATE_EXCEEDS_HOLD,
    /** An input file or object differs (size, mtime, ETag, Last-Modified) from what the api estimated. */
    INPUT_CHANGED,
    /** The inputs cannot be processed as given. */
    INVALID_INPUTS,
    /** The attempt ran longer than its process allows. */
    TIME_LIMIT_EXCEEDED,
    /** The outputs could not be written or published; another attempt may succeed. */
    STORAGE_ERROR,
    /** GDAL could not process the image. */
    GDAL_ERROR,
    /** The control points of a bathymetry run cannot calibrate its model. */
    CALIBRATION_FAILED,
    /** A fault of the worker or engine itself. */
    INTERNAL_ERROR,
    /** A FAILED event without an error. */
    WORKER_FAILED,

    // Decided by the api.
    /** The outputs a worker reported are not files of the attempt's own directory. */
    INVALID_OUTPUTS,
    /** The reaper dispatched the job as often as it may and no attempt finished. */
    ATTEMPTS_EXHAUSTED,
    /** The dispatch command of the current attempt could not be published (the outbox parked it). */
    DISPATCH_FAILED,
    /** The credit hold expired in the ledger before the job finished. */
    RESERVATION_EXPIRED,
    /** A created job was never dispatched within its time to live. */
    EXPIRED;

    /** The snake_case code as stored and sent, e.g. {@code reservation_expired}. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** The code with this wire name, if it is one of ours. */
    public static Optional<FailureCode> fromWireName(String value) {
        for (FailureCode code : values()) {
            if (code.wireName().equals(value)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
