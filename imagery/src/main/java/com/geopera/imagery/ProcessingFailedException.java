package com.geopera.imagery;

import com.geopera.common.job.FailureCode;

/**
 * A run failed: a stable code, a message for the job's owner, whether trying again may succeed, and a detail for the
 * log only (GDAL's own error text, which can name paths, hosts and ports).
 */
public class ProcessingFailedException extends RuntimeException {
    private final String code;
    private final boolean retryable;
    private final String detail;

    public ProcessingFailedException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public ProcessingFailedException(FailureCode code, String message, boolean retryable) {
        this(code.wireName(), message, retryable, null);
    }

    public ProcessingFailedException(String code, String message, boolean retryable, String detail) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.detail = detail;
    }

    /** What only the log may see; null when the message says it all. */
    public String detail() {
        return detail;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
