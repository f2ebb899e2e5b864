package com.geopera.cli.command.admin;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code api-keys}: API keys (gpra_…): create, revoke. */
@Command(name = "api-keys", mixinStandardHelpOptions = true, description = "API keys (gpra_…): create, revoke.",
        subcommands = {ApiKeyCreateCommand.class, ApiKeyRevokeCommand.class},
        footer = {"%nExample:", "  geopera admin api-keys create --org-id org_01J… --scope processing:read ci"})
public final class ApiKeysCommand extends GroupCommand {
}
