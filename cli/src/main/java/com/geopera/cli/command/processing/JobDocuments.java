package com.geopera.cli.command.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Finds the job in an answer: the answer itself, or its {@code job} member when the api wraps it. */
final class JobDocuments {
    private JobDocuments() {
    }

    static JsonNode job(JsonNode answer) {
        return answer != null && answer.path("job").isObject() ? answer.get("job") : answer;
    }

    /** As {@link #job(JsonNode)}, naming the job when a short answer (or none) leaves its id out. */
    static JsonNode job(JsonNode answer, String jobId) {
        JsonNode job = job(answer);
        if (job == null || !job.isObject()) {
            return JsonNodeFactory.instance.objectNode().put("job_id", jobId);
        }
        if (!job.hasNonNull("job_id")) {
            ((ObjectNode) job).put("job_id", jobId);
        }
        return job;
    }
}
