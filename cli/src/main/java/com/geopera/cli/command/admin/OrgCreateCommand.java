package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera admin orgs create NAME} → admin.orgs.create. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organisation.",
        footer = {"%nExample:", "  geopera admin orgs create \"Acme Survey\" --output json"})
public final class OrgCreateCommand extends ApiCommand {
    private static final String OPERATION = "admin.orgs.create";

    @Parameters(paramLabel = "NAME", description = "Organisation name.")
    String name;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("name", name);
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.generic("orgs"));
        return ExitCode.OK;
    }
}
