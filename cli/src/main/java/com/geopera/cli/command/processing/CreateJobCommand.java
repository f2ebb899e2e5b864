package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing create} → processing.create: a job in status created, nothing reserved yet. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a job without dispatching it (no credits reserved); dispatch it later.",
        footer = {"%nExample:", "  geopera processing create --process-id clip --workspace-id ws_01J… \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson"})
public final class CreateJobCommand extends ApiCommand {
    private static final String OPERATION = "processing.create";

    @Mixin
    JobSubmission submission;

    @Override
    protected ExitCode execute(CommandContext context) {
        context.renderer().object(submission.submit(context, OPERATION), Views.JOB);
        return ExitCode.OK;
    }
}
