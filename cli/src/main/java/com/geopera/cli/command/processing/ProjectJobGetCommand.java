package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera processing project-job get JOB} → processing.project_job.get. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a job of a project you are a member of.",
        footer = {"%nExample:", "  geopera processing project-job get job_01J…"})
public final class ProjectJobGetCommand extends ApiCommand {
    private static final String OPERATION = "processing.project_job.get";

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("job_id", jobId);
        var answer = context.processingClient(true).call(OPERATION, body, RequestOptions.read());
        context.renderer().object(JobDocuments.job(answer.body(), jobId), Views.JOB);
        return ExitCode.OK;
    }
}
