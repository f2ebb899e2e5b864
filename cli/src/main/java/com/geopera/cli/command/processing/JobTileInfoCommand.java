package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing job tile-info JOB} → processing.job.tile_info. */
@Command(name = "tile-info", mixinStandardHelpOptions = true,
        description = "TileJSON of a succeeded job's raster output: bounds, zooms, band statistics, tile URLs with a token.",
        footer = {"%nExample:", "  geopera processing job tile-info job_01J… --output json"})
public final class JobTileInfoCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.tile_info";

    @Mixin
    JobArgument job;

    @Override
    protected ExitCode execute(CommandContext context) {
        context.renderer().object(job.read(context, OPERATION), Views.generic("tile info"));
        return ExitCode.OK;
    }
}
