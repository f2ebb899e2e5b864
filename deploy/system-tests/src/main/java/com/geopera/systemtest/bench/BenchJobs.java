package com.geopera.systemtest.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.ApiClient;
import com.geopera.systemtest.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/** What the stack benchmarks share: the small clip job they submit and the file their tables are appended to. */
final class BenchJobs {
    /** A 0.2° × 0.2° square of {@code elev.tif}: about 0.05 s of GDAL. */
    private static final String AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";

    private BenchJobs() {
    }

    /** Executes one small clip job in the stack's project; returns the api's answer (the job). */
    static JsonNode executeClip(ApiClient client, LocalStack stack) {
        try {
            return client.ok("processing.execute", Map.of("process_id", "clip",
                    "workspaceId", stack.workspaceId(), "project_id", stack.projectId(),
                    "inputs", Map.of("image", "file:elev.tif", "aoi", Json.mapper().readTree(AOI))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
