package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.ProcessInputOptions;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing catalog estimate} → processing.catalog.estimate. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate the credits a process run with these inputs costs.",
        footer = {"%nExample:", "  geopera processing catalog estimate --process-id clip \\",
                "      --input image=file:elev.tif --input aoi=@aoi.geojson"})
public final class CatalogEstimateCommand extends ApiCommand {
    private static final String OPERATION = "processing.catalog.estimate";

    @Mixin
    ProcessInputOptions process;

    @Override
    protected ExitCode execute(CommandContext context) {
        var answer = context.processingClient(true).call(OPERATION, process.body(context), RequestOptions.read());
        context.renderer().object(answer.body(), Views.ESTIMATE);
        return ExitCode.OK;
    }
}
