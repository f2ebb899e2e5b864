package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code geopera processing job get JOB} → processing.job.get. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a job: status, progress, outputs, credits. With --wait, follow it until it ends.",
        footer = {"%nExample:", "  geopera processing job get job_01J… --wait"})
public final class JobGetCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.get";

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Mixin
    WaitOptions wait;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        var answer = context.processingClient(true).call(OPERATION, body, RequestOptions.read());
        return JobWaiting.show(context, JobDocuments.job(answer.body(), jobId), wait);
    }
}
