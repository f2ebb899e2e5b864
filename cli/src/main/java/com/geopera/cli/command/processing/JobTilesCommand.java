package com.geopera.cli.command.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import com.geopera.cli.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geopera processing job tiles JOB}: the TileJSON URL (with its signed token) to paste into a map. */
@Command(name = "tiles", mixinStandardHelpOptions = true,
        description = "Print the TileJSON URL of a succeeded job's raster output, ready to paste into MapLibre, "
                + "Leaflet or QGIS (it carries a short-lived token; see docs/TILES.md).",
        footer = {"%nExamples:", "  geopera processing job tiles job_01J…",
                "  geopera processing job tiles job_01J… -o json   # with the tile URL and expiry"})
public final class JobTilesCommand extends ApiCommand {
    private static final String OPERATION = "processing.job.tile_info";

    @Mixin
    JobArgument job;

    @Option(names = "--raster", paramLabel = "NAME", description = "Output to draw when the job has several.")
    String output;

    @Override
    protected ExitCode execute(CommandContext context) {
        ObjectNode body = context.json().createObjectNode().put("job_id", job.id());
        if (output != null) {
            body.put("output", output);
        }
        JsonNode info = context.processingClient(true).call(OPERATION, body, RequestOptions.read()).body();
        if (context.outputFormat() == OutputFormat.HUMAN) {
            context.environment().out().println(info.path("tilejson_url").asText());
        } else {
            ObjectNode answer = context.json().createObjectNode();
            answer.set("tilejson_url", info.path("tilejson_url"));
            answer.set("tiles", info.path("tiles"));
            answer.set("preview", info.path("preview"));
            answer.set("token_expires_at", info.path("token_expires_at"));
            context.renderer().object(answer, com.geopera.cli.command.Views.generic("tiles"));
        }
        return ExitCode.OK;
    }
}
