package com.geopera.cli.command.ops;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera ops}: the api's operator endpoints. */
@Command(name = "ops", mixinStandardHelpOptions = true, description = "Operator endpoints: health, metrics.",
        subcommands = {OpsHealthCommand.class, OpsMetricsCommand.class},
        footer = {"%nExample:", "  geopera ops health"})
public final class OpsCommand extends GroupCommand {
}
