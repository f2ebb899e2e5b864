package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera processing job delete JOB} → processing.job.delete. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Cancel a queued or running job (credits released), or remove the outputs of a finished one.",
        footer = {"%nExample:", "  geopera processing job delete job_01J…"})
public final class JobDeleteCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.delete";

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        var answer = context.processingClient(true).call(OPERATION, body, RequestOptions.once());
        if (answer.isEmpty()) {
            context.renderer().confirmation("Deleted " + jobId + ".",
                    context.json().createObjectNode().put("job_id", jobId).put("deleted", true));
        } else {
            context.renderer().object(JobDocuments.job(answer.body(), jobId), Views.JOB);
        }
        return ExitCode.OK;
    }
}
