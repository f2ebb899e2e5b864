package com.geopera.systemtest.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the stack benchmarks share: the small clip job they submit and the file their tables are appended to. */
final class BenchJobs {
    /** A 0.2° × 0.2° square of {@code elev.tif}: about 0.05 s of GDAL. */
    private static final String AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    private BenchJobs() {
    }

    /** Executes one small clip job in the stack's project; returns the api's answer (the job). */
    static JsonNode executeClip(OperationClient client, LocalStack stack) {
        try {
            return client.ok("processing.execute", Map.of("process_id", "clip",
                    "workspaceId", stack.workspaceId(), "project_id", stack.projectId(),
                    "inputs", Map.of("image", "file:elev.tif", "aoi", Json.mapper().readTree(AOI))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every job ended (any terminal status); answers each job's view then. */
    static Map<String, JsonNode> awaitEnd(OperationClient client, Collection<String> ids, Duration within) {
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (ended.size() < ids.size()) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    JsonNode job = client.ok("processing.job.get", Map.of("job_id", id));
                    if (TERMINAL.contains(job.path("status").asText())) {
                        ended.put(id, job);
                    }
                }
            }
            if (ended.size() < ids.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException((ids.size() - ended.size()) + " of " + ids.size()
                            + " jobs not ended within " + within);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return ended;
    }

    /** The 1-minute load average of the machine (what else was running shows here). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Appends a result table, under a time stamp and a title, to {@code deploy/system-tests/target/bench-results.md}. */
    static void appendResults(String title, String table) {
        Path out = Path.of(System.getProperty("geopera.repo.root", "."))
                .resolve("deploy/system-tests/target/bench-results.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, Instant.now() + " " + title + "\n" + table, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
