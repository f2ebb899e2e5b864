package com.geopera.imagery;

/** A run stopped because its cancellation token asked it to; its partial files were removed. */
public class RunCancelledException extends RuntimeException {
    public RunCancelledException(String message) {
        super(message);
    }
}
