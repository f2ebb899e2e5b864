package com.geopera.imagery;

/** A run failed: a stable code, a message, and whether trying again may succeed. */
public class ProcessingFailedException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public ProcessingFailedException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
