package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A signal to workers on {@code <prefix>.jobs.control}; today only cancellation. {@code attempt} names the one
 * attempt to stop (the api superseded it with a newer one); without it every attempt of the job is stopped.
 */
public record ControlCommand(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("command_id") String commandId,
        Type type,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer attempt) {

    public static final int SCHEMA_VERSION = 1;

    /** A signal for every attempt of the job. */
    public ControlCommand(int schemaVersion, String commandId, Type type, String jobId, Instant issuedAt) {
        this(schemaVersion, commandId, type, jobId, issuedAt, null);
    }

    /** The kinds of control signal. */
    public enum Type {
        CANCEL
    }
}
