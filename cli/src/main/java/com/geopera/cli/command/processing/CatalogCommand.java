package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing catalog}: the process catalog. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List, describe, estimate and validate processes.",
        subcommands = {CatalogListCommand.class, CatalogGetCommand.class, CatalogEstimateCommand.class,
                CatalogValidateCommand.class},
        footer = {"%nExample:", "  geopera processing catalog get clip"})
public final class CatalogCommand extends GroupCommand {
}
