package com.geopera.cli.command.processing;

import picocli.CommandLine.Command;

/** {@code geopera processing execute} → processing.execute: validate, estimate, reserve and dispatch at once. */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = "Run a process: validate, estimate, reserve credits and dispatch in one call. With --wait, "
                + "follow the job and print its outputs and the credits charged.",
        footer = {"%nExample:", "  geopera processing execute --process-id clip \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson --wait"})
public final class ExecuteProcessCommand extends SubmitAndShowCommand {
    public ExecuteProcessCommand() {
        super("processing.execute");
    }
}
