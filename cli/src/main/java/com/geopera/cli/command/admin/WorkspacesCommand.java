package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code workspaces}: Workspaces of an organisation. */
@Command(name = "workspaces", mixinStandardHelpOptions = true, description = "Workspaces of an organisation.",
        subcommands = {WorkspaceCreateCommand.class},
        footer = {"%nExample:", "  geopera admin workspaces create --org-id org_01J… Coastal"})
public final class WorkspacesCommand extends GroupCommand {
}
