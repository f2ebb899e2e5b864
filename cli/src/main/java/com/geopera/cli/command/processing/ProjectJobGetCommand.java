package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing project-job get JOB} → processing.project_job.get. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a job of a project you are a member of.",
        footer = {"%nExample:", "  geopera processing project-job get job_01J…"})
public final class ProjectJobGetCommand extends ApiCommand {
    private static final String OPERATION = "processing.project_job.get";

    @Mixin
    JobArgument job;

    @Override
    protected ExitCode execute(CommandContext context) {
        context.renderer().object(JobDocuments.job(job.read(context, OPERATION), job.id()), Views.JOB);
        return ExitCode.OK;
    }
}
