package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing}: the sixteen processing operations. */
@Command(name = "processing", mixinStandardHelpOptions = true,
        description = "Run processes and manage processing jobs.",
        subcommands = {CatalogCommand.class, CreateJobCommand.class, CreateAndDispatchCommand.class,
                DispatchJobCommand.class, ExecuteProcessCommand.class, JobTypesCommand.class, JobCommand.class,
                JobsCommand.class, ProjectJobCommand.class, ProjectJobsCommand.class},
        footer = {"%nExample:", "  geopera processing execute --process-id clip \\",
                "      --input image=file:elev.tif --wait"})
public final class ProcessingCommand extends GroupCommand {
}
