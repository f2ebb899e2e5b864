package com.geopera.worker;

/**
 * A dispatch record this worker can never run (unparseable, wrong schema version, unknown process or version,
 * wrong queue). Its message — {@code <code>: <detail>} — becomes the record's dead-letter reason.
 */
public class RejectedDispatchException extends RuntimeException {
    private final String code;

    public RejectedDispatchException(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    /** Stable reason code, e.g. {@code unknown_process}. */
    public String code() {
        return code;
    }
}
