package com.geopera.cli.command.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.IdempotencyOptions;
import com.geopera.cli.command.SpendCall;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geopera processing job register JOB} → processing.job.register (external workers). */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register a completed job's outputs and settle its credits (for external workers).",
        footer = {"%nExample:", "  geopera processing job register job_01J… --outputs-file outputs.json",
                "  outputs.json: [{\"name\": \"result\", \"href\": \"file:/data/out.tif\",",
                "                 \"media_type\": \"image/tiff\"}]"})
public final class JobRegisterCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.register";

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Option(names = "--outputs-file", paramLabel = "FILE", description = "JSON array of the job's outputs.")
    Path outputsFile;

    @Mixin
    IdempotencyOptions idempotency;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        if (outputsFile != null) {
            JsonNode outputs = context.inputParser().value("@" + outputsFile);
            if (!outputs.isArray()) {
                throw new CliException(ExitCode.USAGE, "--outputs-file " + outputsFile + " must hold a JSON array");
            }
            body.set("outputs", outputs);
        }
        var answer = SpendCall.send(context, OPERATION, body, idempotency.key());
        context.renderer().object(JobDocuments.job(answer, jobId), Views.JOB);
        return ExitCode.OK;
    }
}
