package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code credits}: Credits of an organisation. */
@Command(name = "credits", mixinStandardHelpOptions = true, description = "Credits of an organisation.",
        subcommands = {CreditsGrantCommand.class, CreditsBalanceCommand.class},
        footer = {"%nExample:", "  geopera admin credits balance --org-id org_01J…"})
public final class CreditsCommand extends GroupCommand {
}
