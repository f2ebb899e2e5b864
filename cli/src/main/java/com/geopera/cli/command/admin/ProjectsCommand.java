package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code projects}: Projects and their members. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Projects and their members.",
        subcommands = {ProjectCreateCommand.class, ProjectMembersCommand.class},
        footer = {"%nExample:", "  geopera admin projects create --org-id org_01J… Harbour"})
public final class ProjectsCommand extends GroupCommand {
}
