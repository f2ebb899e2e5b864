package com.geopera.worker.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.Topics;
import com.geopera.common.process.ProcessDescription;
import com.geopera.worker.RejectedDispatchException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a dispatch record into a command this worker can run, or rejects it with the reason it never could be
 * run (the record is then dead-lettered, never retried).
 */
public final class DispatchValidator {
    public static final String UNPARSEABLE = "unparseable";
    public static final String UNSUPPORTED_SCHEMA_VERSION = "unsupported_schema_version";
    public static final String INVALID_COMMAND = "invalid_command";
    public static final String UNKNOWN_PROCESS = "unknown_process";
    public static final String UNKNOWN_PROCESS_VERSION = "unknown_process_version";
    public static final String WRONG_QUEUE = "wrong_queue";

    /** Ids become directory names: letters, digits, '_' and '-' only. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private final ObjectMapper mapper;
    private final Topics topics;
    private final Function<String, Optional<ProcessDescription>> processes;

    public DispatchValidator(ObjectMapper mapper, Topics topics,
                             Function<String, Optional<ProcessDescription>> processes) {
        this.mapper = mapper;
        this.topics = topics;
        this.processes = processes;
    }

    /**
     * @param topic   the topic the record came from, {@code <prefix>.jobs.dispatch.<queue>}
     * @param payload the record value
     * @throws RejectedDispatchException when the record can never be run here
     */
    public DispatchJob validate(String topic, String payload) {
        JsonNode tree = parse(payload);
        int schemaVersion = tree.path("schema_version").asInt(-1);
        if (schemaVersion != DispatchJob.SCHEMA_VERSION) {
            throw new RejectedDispatchException(UNSUPPORTED_SCHEMA_VERSION,
                    "schema_version " + tree.path("schema_version") + ", this worker reads "
                            + DispatchJob.SCHEMA_VERSION);
        }
        DispatchJob job;
        try {
            job = mapper.treeToValue(tree, DispatchJob.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new RejectedDispatchException(UNPARSEABLE, "not a dispatch command: " + e.getMessage());
        }
        requireSafeId("job_id", job.jobId());
        requireSafeId("org_id", job.orgId());
        if (job.attempt() < 1) {
            throw new RejectedDispatchException(INVALID_COMMAND, "attempt must be >= 1, got " + job.attempt());
        }
        if (job.processId() == null || job.processId().isBlank()) {
            throw new RejectedDispatchException(INVALID_COMMAND, "process_id is missing");
        }
        ProcessDescription process = processes.apply(job.processId()).orElseThrow(() ->
                new RejectedDispatchException(UNKNOWN_PROCESS, "no process '" + job.processId() + "'"));
        if (job.processVersion() != null && !job.processVersion().equals(process.version())) {
            throw new RejectedDispatchException(UNKNOWN_PROCESS_VERSION, "process '" + job.processId()
                    + "' has version " + process.version() + ", not " + job.processVersion());
        }
        String queue = queueOf(topic);
        if (queue != null && process.queue() != null && !process.queue().equals(queue)) {
            throw new RejectedDispatchException(WRONG_QUEUE, "process '" + job.processId() + "' runs on queue "
                    + process.queue() + ", not " + queue);
        }
        return job;
    }

    private JsonNode parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new RejectedDispatchException(UNPARSEABLE, "empty record");
        }
        try {
            JsonNode tree = mapper.readTree(payload);
            if (tree == null || !tree.isObject()) {
                throw new RejectedDispatchException(UNPARSEABLE, "not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new RejectedDispatchException(UNPARSEABLE, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static void requireSafeId(String field, String value) {
        if (value == null || !SAFE_ID.matcher(value).matches()) {
            throw new RejectedDispatchException(INVALID_COMMAND, field + " missing or not a valid id: " + value);
        }
    }

    /** The queue named by a dispatch topic, or null when the topic is not one. */
    String queueOf(String topic) {
        String prefix = topics.dispatch("");
        return topic != null && topic.startsWith(prefix) ? topic.substring(prefix.length()) : null;
    }
}
