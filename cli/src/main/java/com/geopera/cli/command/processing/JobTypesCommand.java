package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing job-types}. */
@Command(name = "job-types", mixinStandardHelpOptions = true, description = "Processing job types.",
        subcommands = JobTypesListCommand.class,
        footer = {"%nExample:", "  geopera processing job-types list --category terrain"})
public final class JobTypesCommand extends GroupCommand {
}
