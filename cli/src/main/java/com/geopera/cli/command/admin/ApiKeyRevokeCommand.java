package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera admin api-keys revoke KEY} → admin.api_keys.revoke. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke an API key; requests with it are refused from now on.",
        footer = {"%nExample:", "  geopera admin api-keys revoke key_01J…"})
public final class ApiKeyRevokeCommand extends ApiCommand {
    private static final String OPERATION = "admin.api_keys.revoke";

    @Parameters(paramLabel = "KEY", description = "API key id (key_…).")
    String keyId;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("key_id", keyId);
        var answer = AdminCall.send(context, OPERATION, body);
        var document = answer.isEmpty() ? body.put("revoked", true) : answer;
        context.renderer().confirmation("Revoked " + keyId + ".", document);
        return ExitCode.OK;
    }
}
