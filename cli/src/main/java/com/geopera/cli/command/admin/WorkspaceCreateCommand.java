package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code geopera admin workspaces create NAME} → admin.workspaces.create. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace in an organisation.",
        footer = {"%nExample:", "  geopera admin workspaces create --org-id org_01J… Coastal"})
public final class WorkspaceCreateCommand extends ApiCommand {
    private static final String OPERATION = "admin.workspaces.create";

    @Mixin
    OrgOption org;

    @Parameters(paramLabel = "NAME", description = "Workspace name.")
    String name;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("org_id", org.orgId(context)).put("name", name);
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.generic("workspaces"));
        return ExitCode.OK;
    }
}
