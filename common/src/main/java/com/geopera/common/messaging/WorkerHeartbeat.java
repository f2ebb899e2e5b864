package com.geopera.common.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What one worker process says about itself every heartbeat interval on {@code <prefix>.workers.heartbeats} (keyed
 * by worker id): the queues it serves, its slots, the attempts it runs and the dispatch partitions the workers' share
 * group assigns to it (none while all its slots are busy: it leaves the group until one frees). The api
 * keeps the latest one per worker for operators ({@code ops.workers}, {@code ops.queues}).
 */
public record WorkerHeartbeat(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("worker_id") String workerId,
        String version,
        List<String> queues,
        int slots,
        @JsonProperty("slots_busy") int slotsBusy,
        List<RunningAttempt> running,
        List<OwnedPartition> partitions,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("sent_at") Instant sentAt) {

    public static final int SCHEMA_VERSION = 1;

    /** An attempt running on the worker. */
    public record RunningAttempt(
            @JsonProperty("job_id") String jobId,
            int attempt,
            String queue,
            @JsonProperty("process_id") String processId) {
    }

    /** A dispatch partition the workers' share group assigns to the worker's consumer. */
    public record OwnedPartition(String topic, int partition) {
    }
}
