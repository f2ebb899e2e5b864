package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing project-jobs}: a project's jobs. */
@Command(name = "project-jobs", mixinStandardHelpOptions = true, description = "A project's processing jobs.",
        subcommands = ProjectJobsListCommand.class,
        footer = {"%nExample:", "  geopera processing project-jobs list --project-id prj_01J… --status succeeded"})
public final class ProjectJobsCommand extends GroupCommand {
}
