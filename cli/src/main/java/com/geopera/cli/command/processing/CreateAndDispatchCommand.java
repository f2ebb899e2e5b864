package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing create-and-dispatch} → processing.create_and_dispatch. */
@Command(name = "create-and-dispatch", mixinStandardHelpOptions = true,
        description = "Create a job and dispatch it to a worker (reserves credits).",
        footer = {"%nExample:", "  geopera processing create-and-dispatch --process-id clip \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson --wait"})
public final class CreateAndDispatchCommand extends ApiCommand {
    private static final String OPERATION = "processing.create_and_dispatch";

    @Mixin
    JobSubmission submission;

    @Mixin
    WaitOptions wait;

    @Override
    protected ExitCode execute(CommandContext context) {
        return JobWaiting.show(context, submission.submit(context, OPERATION), wait);
    }
}
