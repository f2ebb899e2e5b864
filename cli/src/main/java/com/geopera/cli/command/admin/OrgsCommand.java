package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code orgs}: Organisations. */
@Command(name = "orgs", mixinStandardHelpOptions = true, description = "Organisations.",
        subcommands = {OrgCreateCommand.class},
        footer = {"%nExample:", "  geopera admin orgs create \"Acme Survey\""})
public final class OrgsCommand extends GroupCommand {
}
