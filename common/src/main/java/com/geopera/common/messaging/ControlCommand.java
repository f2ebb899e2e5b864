package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A signal to workers on {@code <prefix>.jobs.control}; today only cancellation of a running job. */
public record ControlCommand(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("command_id") String commandId,
        Type type,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("issued_at") Instant issuedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The kinds of control signal. */
    public enum Type {
        CANCEL
    }
}
