package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.common.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the file behind an output of a job of the caller's org, confined to that job's own directory; an external
 * ({@code https://}) output is answered 409 {@code output_external} with its href, never fetched or redirected to.
 */
@ApplicationScoped
public class OutputFiles {
    @Inject
    JobService jobs;
    @Inject
    OutputDirectories storage;

    /** A downloadable output: its file, media type and size. */
    public record OutputFile(Path path, String mediaType, long sizeBytes) {
    }

    public OutputFile find(Caller caller, String jobId, String name) {
        Job job = jobs.get(caller, jobId);
        if (job.outputs == null || job.outputsDeletedAt != null) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "job " + jobId + " has no output " + name);
        }
        for (JsonNode output : job.outputs) {
            if (name.equals(output.path("name").asText())) {
                String href = output.path("href").asText(null);
                if (OutputDirectories.isExternal(href)) {
                    throw ApiProblem.of(ErrorCode.OUTPUT_EXTERNAL, "output " + name + " is stored at " + href
                            + "; fetch it from there", Map.of("external_href", href));
                }
                Path path = storage.resolveInJob(job, href)
                        .filter(Files::isRegularFile)
                        .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "the file of output " + name + " is gone"));
                try {
                    return new OutputFile(path, output.path("media_type").asText("application/octet-stream"),
                            Files.size(path));
                } catch (java.io.IOException e) {
                    throw ApiProblem.of(ErrorCode.NOT_FOUND, "the file of output " + name + " is unreadable");
                }
            }
        }
        throw ApiProblem.of(ErrorCode.NOT_FOUND, "job " + jobId + " has no output " + name);
    }
}
