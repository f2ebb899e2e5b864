package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.IdempotencyOptions;
import com.geopera.cli.command.SpendCall;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geopera processing dispatch JOB} → processing.dispatch: created → queued, credits reserved. */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = "Dispatch a created job to its worker queue (reserves credits).",
        footer = {"%nExample:", "  geopera processing dispatch job_01J… --wait"})
public final class DispatchJobCommand extends ApiCommand {
    private static final String OPERATION = "processing.dispatch";

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Option(names = "--process-version", paramLabel = "VERSION",
            description = "Process version to run (refused when no worker queue serves it).")
    String version;

    @Mixin
    IdempotencyOptions idempotency;

    @Mixin
    WaitOptions wait;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        if (version != null) {
            body.put("version", version);
        }
        var answer = SpendCall.send(context, OPERATION, body, idempotency.key());
        return JobWaiting.show(context, JobDocuments.job(answer, jobId), wait);
    }
}
