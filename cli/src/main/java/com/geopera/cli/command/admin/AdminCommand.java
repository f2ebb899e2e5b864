package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera admin}: Administer organisations, workspaces, projects, API keys and credits (scope admin). */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer organisations, workspaces, projects, API keys and credits (scope admin).",
        subcommands = {OrgsCommand.class, WorkspacesCommand.class, ProjectsCommand.class, ApiKeysCommand.class, CreditsCommand.class},
        footer = {"%nExample:", "  geopera admin orgs create \"Acme Survey\""})
public final class AdminCommand extends GroupCommand {
}
