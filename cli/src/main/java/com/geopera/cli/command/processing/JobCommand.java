package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing job}: one job by id. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Get, delete, register or render one job.",
        subcommands = {JobGetCommand.class, JobDeleteCommand.class, JobRegisterCommand.class,
                JobTileInfoCommand.class, JobTilesCommand.class, JobPreviewCommand.class},
        footer = {"%nExample:", "  geopera processing job get job_01J… --wait"})
public final class JobCommand extends GroupCommand {
}
