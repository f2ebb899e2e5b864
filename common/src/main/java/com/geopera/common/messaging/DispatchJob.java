package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Command to run one attempt of a job, published by the api's outbox relay on
 * {@code <prefix>.jobs.dispatch.<queue>} with the job id as key.
 */
public record DispatchJob(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("command_id") String commandId,
        @JsonProperty("job_id") String jobId,
        int attempt,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("process_id") String processId,
        @JsonProperty("process_version") String processVersion,
        String queue,
        JsonNode inputs,
        @JsonProperty("reserved_credits") long reservedCredits,
        @JsonProperty("issued_at") Instant issuedAt) {

    public static final int SCHEMA_VERSION = 1;
}
