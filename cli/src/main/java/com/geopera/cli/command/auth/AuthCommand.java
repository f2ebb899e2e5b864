package com.geopera.cli.command.auth;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera auth}: session tokens. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Sessions: log in with an API key.",
        subcommands = {AuthLoginCommand.class, AuthLogoutCommand.class},
        footer = {"%nExample:", "  geopera auth login --api-key gpra_…"})
public final class AuthCommand extends GroupCommand {
}
