package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code geopera admin credits grant CREDITS} → admin.credits.grant. */
@Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant credits to an organisation.",
        footer = {"%nExample:", "  geopera admin credits grant --org-id org_01J… 10000"})
public final class CreditsGrantCommand extends ApiCommand {
    private static final String OPERATION = "admin.credits.grant";

    @Mixin
    OrgOption org;

    @Parameters(paramLabel = "CREDITS", description = "Whole credits to add (> 0).")
    long credits;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("org_id", org.orgId(context)).put("credits", credits);
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.generic("grants"));
        return ExitCode.OK;
    }
}
