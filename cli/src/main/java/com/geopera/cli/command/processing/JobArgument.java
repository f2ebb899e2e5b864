package com.geopera.cli.command.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Parameters;

/** {@code JOB}: the job a command reads, and the read-only call that asks about it. */
final class JobArgument {
    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    String id() {
        return jobId;
    }

    /** Calls the read-only {@code operation} for this job; the body it answered with. */
    JsonNode read(CommandContext context, String operation) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        return context.processingClient(true).call(operation, body, RequestOptions.read()).body();
    }
}
