package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.config.Setting;
import com.geopera.cli.config.Source;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code geopera admin projects create NAME} → admin.projects.create. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a project in an organisation, in the workspace given with --workspace-id (if any).",
        footer = {"%nExample:", "  geopera admin projects create --org-id org_01J… --workspace-id ws_01J… Harbour"})
public final class ProjectCreateCommand extends ApiCommand {
    private static final String OPERATION = "admin.projects.create";

    @Mixin
    OrgOption org;

    @Parameters(paramLabel = "NAME", description = "Project name.")
    String name;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("org_id", org.orgId(context)).put("name", name);
        // Only an explicit flag places the project: a default workspace from the environment would be a surprise.
        context.config().get(Setting.WORKSPACE_ID).filter(value -> value.source() == Source.FLAG)
                .ifPresent(workspace -> body.put("workspace_id", workspace.value()));
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.generic("projects"));
        return ExitCode.OK;
    }
}
