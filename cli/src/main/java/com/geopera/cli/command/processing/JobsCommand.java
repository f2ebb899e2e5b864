package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing jobs}: the org's jobs. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "The organisation's processing jobs.",
        subcommands = JobsListCommand.class,
        footer = {"%nExample:", "  geopera processing jobs list --status running"})
public final class JobsCommand extends GroupCommand {
}
