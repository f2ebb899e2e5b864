package com.geopera.common.error;

/**
 * Stable error codes of the HTTP API (the {@code code} member of every RFC 9457 problem) with their HTTP
 * status. Clients branch on the code, never on the message.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "The request body is not valid JSON"),
    UNAUTHENTICATED(401, "Missing or invalid credentials"),
    INSUFFICIENT_CREDITS(402, "Not enough credits"),
    INSUFFICIENT_SCOPE(403, "The credentials lack a required scope"),
    NOT_FOUND(404, "Not found"),
    OPERATION_NOT_FOUND(404, "Unknown operation"),
    JOB_NOT_FOUND(404, "Job not found"),
    PROCESS_NOT_FOUND(404, "Process not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    ILLEGAL_TRANSITION(409, "The job is not in a state that allows this"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "A request with this Idempotency-Key is still being processed"),
    REQUEST_TIMEOUT(408, "The request body did not arrive in time"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    INPUTS_TOO_LARGE(413, "The job inputs are too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RANGE_NOT_SATISFIABLE(416, "Range not satisfiable"),
    VALIDATION_FAILED(422, "The request has invalid fields"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used with a different request body"),
    PROCESS_VERSION_UNAVAILABLE(422, "No worker queue serves this process version"),
    OUTPUT_NOT_READY(409, "The job has no outputs yet"),
    JOB_DISPATCHED_TO_WORKER(409, "A platform worker holds this job; only it can register the job's outputs"),
    OUTPUT_EXTERNAL(409, "The output is stored outside Geopera and is not served by this API"),
    TOO_MANY_CREATED_JOBS(409, "The organisation has too many jobs waiting in created"),
    TILE_TOKEN_EXPIRED(401, "The tile token has expired"),
    TILE_TOKEN_INVALID(403, "The tile token is not valid for this job"),
    RATE_LIMITED(429, "Too many requests"),
    TOO_MANY_STREAMS(429, "Too many listings of this organisation are streaming at once"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "A dependency is unavailable");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    /** The snake_case code as sent in problem documents, e.g. {@code insufficient_credits}. */
    public String code() {
        return name().toLowerCase();
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
