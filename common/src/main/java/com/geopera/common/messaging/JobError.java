package com.geopera.common.messaging;

import com.geopera.common.job.FailureCode;

/**
 * Why a job failed: a stable code, a message for people, and whether another attempt could succeed. The code stays a
 * string on the wire, so an engine's own code (one not in {@link FailureCode}) still reaches the job's owner.
 */
public record JobError(String code, String message, boolean retryable) {

    public JobError(FailureCode code, String message, boolean retryable) {
        this(code.wireName(), message, retryable);
    }
}
