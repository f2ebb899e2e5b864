package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.ProcessInputOptions;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera processing catalog validate} → processing.catalog.validate (204 when valid, 422 otherwise). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check inputs against a process without running it; lists every problem (exit 6).",
        footer = {"%nExample:", "  geopera processing catalog validate --process-id clip \\",
                "      --inputs-file inputs.json"})
public final class CatalogValidateCommand extends ApiCommand {
    private static final String OPERATION = "processing.catalog.validate";

    @Mixin
    ProcessInputOptions process;

    @Override
    protected ExitCode execute(CommandContext context) {
        var answer = context.processingClient(true).call(OPERATION, process.body(context), RequestOptions.read());
        var document = answer.isEmpty()
                ? context.json().createObjectNode().put("valid", true).put("process_id", process.processId())
                : answer.body();
        context.renderer().confirmation("Inputs are valid for " + process.processId() + ".", document);
        return ExitCode.OK;
    }
}
