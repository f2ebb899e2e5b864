package com.geopera.cli.command.processing;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera processing project-job}: one job seen through project membership. */
@Command(name = "project-job", mixinStandardHelpOptions = true,
        description = "A job of a project you are a member of.", subcommands = ProjectJobGetCommand.class,
        footer = {"%nExample:", "  geopera processing project-job get job_01J…"})
public final class ProjectJobCommand extends GroupCommand {
}
