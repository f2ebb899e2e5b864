package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Lists;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;

/** {@code geopera processing catalog list} → processing.catalog.list (public). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the available processes.",
        footer = {"%nExample:", "  geopera processing catalog list --output json"})
public final class CatalogListCommand extends ApiCommand {
    private static final String OPERATION = "processing.catalog.list";

    @Override
    protected ExitCode execute(CommandContext context) {
        return Lists.show(context, context.processingClient(false), OPERATION, context.json().createObjectNode(),
                Views.PROCESS_ROWS);
    }
}
