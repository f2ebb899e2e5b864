package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing job get JOB} → processing.job.get. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a job: status, progress, outputs, credits. With --wait, follow it until it ends.",
        footer = {"%nExample:", "  geopera processing job get job_01J… --wait"})
public final class JobGetCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.get";

    @Mixin
    JobArgument job;

    @Mixin
    WaitOptions wait;

    @Override
    protected ExitCode execute(CommandContext context) {
        return JobWaiting.show(context, JobDocuments.job(job.read(context, OPERATION), job.id()), wait);
    }
}
