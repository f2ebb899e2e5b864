package com.geopera.systemtest.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.SyntheticRaster;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long and short clip jobs submitted together to a stack, run to their end, and read back as a {@link SlotTimeline}:
 * a long job clips the big synthetic raster ({@link SyntheticRaster}, 14000² pixels) to nearly all of it, a short
 * one a 0.2° square of {@code elev.tif}. The stack must have the big raster's directory among its input roots.
 *
 * @param longJobs     long jobs
 * @param shortJobs    short jobs
 * @param longsFirst   every long job before the first short one; otherwise the short jobs are spread evenly
 *                     between the long ones
 * @param longInputs   extra inputs of a long job (e.g. {@code resolution} to make it longer)
 */
public record FairnessMix(int longJobs, int shortJobs, boolean longsFirst, Map<String, Object> longInputs) {
    private static final String SHORT_AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";
    private static final String WIDE_AOI = "{\"type\":\"Polygon\",\"coordinates\":[[[5.75,49.45],[6.52,49.45],"
            + "[6.52,50.18],[5.75,50.18],[5.75,49.45]]]}";

    /** What a run of the mix gave; {@code jobs} are the ended jobs as the api answers them, by job id. */
    public record Result(SlotTimeline timeline, List<Duration> shortQueued, List<Duration> longRuns,
                         Map<String, Integer> jobsPerWorker, Instant firstSubmit, Instant lastSubmit,
                         Map<String, JsonNode> jobs) {

        /** From the last submission to the first job's end: until then every slot was taken by the first jobs. */
        public Duration untilFirstSlotFreed() {
            return Duration.between(lastSubmit, timeline.firstFinish());
        }

        /** One line: short jobs' queued time p50/p90/max, idle slot-seconds while jobs waited, the longest stretch. */
        public String summary() {
            List<Double> queued = shortQueued.stream().map(d -> d.toMillis() / 1000.0).toList();
            List<Double> runs = longRuns.stream().map(d -> d.toMillis() / 1000.0).toList();
            return String.format("short jobs queued p50 %.1f s, p90 %.1f s, max %.1f s; long jobs ran p50 %.1f s; "
                            + "first slot freed %.1f s after the last submission; idle slot-seconds while jobs waited "
                            + "%.1f, longest such stretch %.1f s; jobs per worker %s",
                    Percentiles.of(queued, 50), Percentiles.of(queued, 90), Percentiles.of(queued, 100),
                    Percentiles.of(runs, 50), untilFirstSlotFreed().toMillis() / 1000.0,
                    timeline.idleSlotSecondsWhileWaiting(), timeline.longestIdleWhileWaiting().toMillis() / 1000.0,
                    jobsPerWorker);
        }
    }

    /** Submits the mix, waits until every job ended (each must succeed) and reads the jobs back. */
    public Result run(LocalStack stack, int slots, Duration within) {
        OperationClient client = stack.client();
        Map<String, Boolean> isLong = new LinkedHashMap<>();
        Instant firstSubmit = Instant.now();
        int shortsSent = 0;
        for (int i = 0; i < longJobs; i++) {
            isLong.put(execute(client, stack, longJobInputs()), true);
            int shortsUpTo = longsFirst ? 0 : shortJobs * (i + 1) / longJobs;
            for (; shortsSent < shortsUpTo; shortsSent++) {
                isLong.put(execute(client, stack, shortInputs()), false);
            }
        }
        for (; shortsSent < shortJobs; shortsSent++) {
            isLong.put(execute(client, stack, shortInputs()), false);
        }
        Instant lastSubmit = Instant.now();

        Map<String, JsonNode> ended = BenchJobs.awaitEnd(client, isLong.keySet(), within).views();
        List<SlotTimeline.Span> spans = new ArrayList<>();
        List<Duration> shortQueued = new ArrayList<>();
        List<Duration> longRuns = new ArrayList<>();
        Map<String, Integer> perWorker = new HashMap<>();
        ended.forEach((id, job) -> {
            if (!"succeeded".equals(job.path("status").asText())) {
                throw new IllegalStateException("job " + id + " ended " + job);
            }
            SlotTimeline.Span span = new SlotTimeline.Span(instant(job, "created_at"), instant(job, "started_at"),
                    instant(job, "finished_at"));
            spans.add(span);
            if (isLong.get(id)) {
                longRuns.add(Duration.between(span.started(), span.finished()));
            } else {
                shortQueued.add(span.queuedFor());
            }
            perWorker.merge(job.path("worker_id").asText(), 1, Integer::sum);
        });
        return new Result(new SlotTimeline(slots, spans), shortQueued, longRuns, perWorker, firstSubmit, lastSubmit,
                ended);
    }

    private Map<String, Object> longJobInputs() {
        Map<String, Object> inputs = new HashMap<>(longInputs);
        inputs.put("image", "file:" + SyntheticRaster.FILE_NAME);
        inputs.put("aoi", json(WIDE_AOI));
        return inputs;
    }

    private static Map<String, Object> shortInputs() {
        return Map.of("image", "file:elev.tif", "aoi", json(SHORT_AOI));
    }

    private static String execute(OperationClient client, LocalStack stack, Map<String, Object> inputs) {
        return client.ok("processing.execute", Map.of("process_id", "clip", "workspaceId", stack.workspaceId(),
                "project_id", stack.projectId(), "inputs", inputs)).path("job_id").asText();
    }

    private static Instant instant(JsonNode job, String field) {
        return OffsetDateTime.parse(job.path(field).asText()).toInstant();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
