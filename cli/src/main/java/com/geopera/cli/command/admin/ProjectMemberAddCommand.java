package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.config.Setting;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code geopera admin projects members add KEY} → admin.projects.members.add. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Make an API key a member of the project given with --project-id.",
        footer = {"%nExample:", "  geopera admin projects members add --project-id prj_01J… key_01J…"})
public final class ProjectMemberAddCommand extends ApiCommand {
    private static final String OPERATION = "admin.projects.members.add";

    @Parameters(paramLabel = "KEY", description = "API key id (key_…).")
    String keyId;

    @Override
    protected ExitCode execute(CommandContext context) {
        String projectId = context.config().require(Setting.PROJECT_ID, "--project-id");
        var body = context.json().createObjectNode().put("project_id", projectId).put("key_id", keyId);
        var answer = AdminCall.send(context, OPERATION, body);
        var document = answer.isEmpty() ? body : answer;
        context.renderer().confirmation("Added " + keyId + " to " + projectId + ".", document);
        return ExitCode.OK;
    }
}
