package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera admin credits balance} → admin.credits.balance. */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = "Show an organisation's credits: posted, pending (reserved), available.",
        footer = {"%nExample:", "  geopera admin credits balance --org-id org_01J…"})
public final class CreditsBalanceCommand extends ApiCommand {
    private static final String OPERATION = "admin.credits.balance";

    @Mixin
    OrgOption org;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("org_id", org.orgId(context));
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.BALANCE);
        return ExitCode.OK;
    }
}
