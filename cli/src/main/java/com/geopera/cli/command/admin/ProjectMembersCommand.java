package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code members}: Members (API keys) of a project. */
@Command(name = "members", mixinStandardHelpOptions = true, description = "Members (API keys) of a project.",
        subcommands = {ProjectMemberAddCommand.class},
        footer = {"%nExample:", "  geopera admin projects members add --project-id prj_01J… key_01J…"})
public final class ProjectMembersCommand extends GroupCommand {
}
