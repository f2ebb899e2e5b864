package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import java.time.Instant;
import java.util.List;

/**
 * An event about one attempt of a job, published by workers on {@code <prefix>.jobs.events} keyed by job id.
 * Consumers de-duplicate by {@code event_id} and ignore events of attempts other than the job's current one.
 */
public record JobEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_id") String eventId,
        JobEventType type,
        @JsonProperty("job_id") String jobId,
        int attempt,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("occurred_at") Instant occurredAt,
        Integer progress,
        List<JobOutput> outputs,
        Usage usage,
        JobError error) {

    public static final int SCHEMA_VERSION = 1;
}
