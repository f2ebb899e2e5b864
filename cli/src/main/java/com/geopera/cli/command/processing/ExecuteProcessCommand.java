package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing execute} → processing.execute: validate, estimate, reserve and dispatch at once. */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = "Run a process: validate, estimate, reserve credits and dispatch in one call. With --wait, "
                + "follow the job and print its outputs and the credits charged.",
        footer = {"%nExample:", "  geopera processing execute --process-id clip \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson --wait"})
public final class ExecuteProcessCommand extends ApiCommand {
    private static final String OPERATION = "processing.execute";

    @Mixin
    JobSubmission submission;

    @Mixin
    WaitOptions wait;

    @Override
    protected ExitCode execute(CommandContext context) {
        return JobWaiting.show(context, submission.submit(context, OPERATION), wait);
    }
}
