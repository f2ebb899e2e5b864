package com.geopera.cli.command.processing;

import picocli.CommandLine.Command;

/** {@code geopera processing create-and-dispatch} → processing.create_and_dispatch. */
@Command(name = "create-and-dispatch", mixinStandardHelpOptions = true,
        description = "Create a job and dispatch it to a worker (reserves credits).",
        footer = {"%nExample:", "  geopera processing create-and-dispatch --process-id clip \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson --wait"})
public final class CreateAndDispatchCommand extends SubmitAndShowCommand {
    public CreateAndDispatchCommand() {
        super("processing.create_and_dispatch");
    }
}
