package com.geopera.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Job operations of the api as the system tests use them. */
final class Jobs {
    /** Well inside Luxembourg and inside elev.tif. */
    static final String SMALL_AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";
    /** Nearly all of Luxembourg: clipping the big synthetic raster to it takes many seconds. */
    static final String WIDE_AOI = "{\"type\":\"Polygon\",\"coordinates\":[[[5.75,49.45],[6.52,49.45],"
            + "[6.52,50.18],[5.75,50.18],[5.75,49.45]]]}";
    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    private final LocalStack stack;

    Jobs(LocalStack stack) {
        this.stack = stack;
    }

    /** Executes a clip of {@code image} (a {@code file:} URI) to {@code aoi}; answers the job view. */
    JsonNode executeClip(String image, String aoi) {
        try {
            return stack.client().ok("processing.execute", Map.of(
                    "process_id", "clip",
                    "workspaceId", stack.workspaceId(),
                    "project_id", stack.projectId(),
                    "inputs", Map.of("image", image, "aoi", Json.mapper().readTree(aoi))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A clip that succeeds and one that fails on the worker (its input is {@link Inputs#API_ONLY_IMAGE}: the stack
     * needs {@link Inputs#withApiOnlyImageAndFastOpsSnapshot}), both awaited to their end.
     */
    void oneSucceededAndOneFailed() {
        String ok = executeClip("file:elev.tif", SMALL_AOI).path("job_id").asText();
        String bad = executeClip("file:" + Inputs.API_ONLY_IMAGE, SMALL_AOI).path("job_id").asText();
        String succeeded = awaitEnd(ok, Duration.ofSeconds(60)).path("status").asText();
        String failed = awaitEnd(bad, Duration.ofSeconds(60)).path("status").asText();
        if (!succeeded.equals("succeeded") || !failed.equals("failed")) {
            throw new AssertionError("expected one succeeded and one failed job, got " + succeeded + " and " + failed
                    + "\n" + stack.logTails());
        }
    }

    JsonNode get(String jobId) {
        return stack.client().ok("processing.job.get", Map.of("job_id", jobId));
    }

    JsonNode delete(String jobId) {
        return stack.client().ok("processing.job.delete", Map.of("job_id", jobId));
    }

    /** Waits until the job's status is one of {@code statuses}; answers its view then. */
    JsonNode awaitStatus(String jobId, Set<String> statuses, Duration within) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
                last.set(get(jobId));
                return statuses.contains(last.get().path("status").asText());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("job " + jobId + " not " + statuses + " within " + within + "; last view: "
                    + last.get() + "\n" + stack.logTails(), e);
        }
        return last.get();
    }

    JsonNode awaitEnd(String jobId, Duration within) {
        return awaitStatus(jobId, TERMINAL, within);
    }
}
