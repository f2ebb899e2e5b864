package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.process.InputPin;
import java.time.Instant;
import java.util.List;

/**
 * Command to run one attempt of a job, published by the api's outbox relay on
 * {@code <prefix>.jobs.dispatch.<queue>} with the job id as key. {@code reserved_credits} is the hold the attempt
 * may cost at most and {@code input_pins} what the inputs were when the api estimated them: a worker whose own
 * estimate is higher, or whose inputs changed, fails the attempt instead of running it (see docs/WORKER.md).
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
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonProperty("input_pins") List<InputPin> inputPins) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public DispatchJob {
        inputPins = inputPins == null ? List.of() : List.copyOf(inputPins);
    }

    /** A command without input pins (nothing to compare the inputs with). */
    public DispatchJob(int schemaVersion, String commandId, String jobId, int attempt, String orgId, String processId,
            String processVersion, String queue, JsonNode inputs, long reservedCredits, Instant issuedAt) {
        this(schemaVersion, commandId, jobId, attempt, orgId, processId, processVersion, queue, inputs,
                reservedCredits, issuedAt, List.of());
    }
}
