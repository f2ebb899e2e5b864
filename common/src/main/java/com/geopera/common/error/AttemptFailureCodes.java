package com.geopera.common.error;

/**
 * Stable {@code error.code}s a worker reports in a FAILED event (and the api stores on the failed job) when it
 * refuses to run or finish an attempt. A FAILED event releases the job's hold, so none of these costs credits.
 */
public final class AttemptFailureCodes {
    /** The worker's own estimate of the inputs is above the credits the api reserved for the attempt. */
    public static final String ESTIMATE_EXCEEDS_HOLD = "estimate_exceeds_hold";
    /** An input file or object differs (size, mtime, ETag, Last-Modified) from what the api estimated. */
    public static final String INPUT_CHANGED = "input_changed";
    /** The outputs a worker reported are not files of the attempt's own directory (set by the api). */
    public static final String INVALID_OUTPUTS = "invalid_outputs";

    private AttemptFailureCodes() {
    }
}
