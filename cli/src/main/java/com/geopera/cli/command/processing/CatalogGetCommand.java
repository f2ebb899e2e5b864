package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera processing catalog get PROCESS} → processing.catalog.get (public). */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Describe one process: inputs, outputs.",
        footer = {"%nExample:", "  geopera processing catalog get clip"})
public final class CatalogGetCommand extends ApiCommand {
    private static final String OPERATION = "processing.catalog.get";

    @Parameters(paramLabel = "PROCESS", description = "Process id, e.g. clip.")
    String processId;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("process_id", processId);
        var answer = context.processingClient(false).call(OPERATION, body, RequestOptions.read());
        context.renderer().object(answer.body(), Views.PROCESS);
        return ExitCode.OK;
    }
}
