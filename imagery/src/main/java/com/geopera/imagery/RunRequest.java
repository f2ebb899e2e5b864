package com.geopera.imagery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One attempt of one job: the process, its inputs and the directory its outputs are written to. */
public record RunRequest(String jobId, int attempt, String processId, JsonNode inputs, Path outputDir) {
}
