package com.geopera.cli.command.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.IdempotencyOptions;
import com.geopera.cli.command.ProcessInputOptions;
import com.geopera.cli.command.SpendCall;
import com.geopera.cli.config.ConfigValue;
import com.geopera.cli.config.Setting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The request of create, create-and-dispatch and execute: process, inputs, workspace, project, title. */
final class JobSubmission {
    @Mixin
    ProcessInputOptions process;

    @Mixin
    IdempotencyOptions idempotency;

    @Option(names = "--title", paramLabel = "TEXT", description = "A title for the job.")
    String title;

    /** The body; {@code workspaceId} from --workspace-id / GEOPERA_WORKSPACE_ID / profile / local stack. */
    ObjectNode body(CommandContext context) {
        ObjectNode body = process.body(context);
        body.put("workspaceId", context.config().require(Setting.WORKSPACE_ID, "--workspace-id"));
        context.config().get(Setting.PROJECT_ID).map(ConfigValue::value)
                .ifPresent(projectId -> body.put("project_id", projectId));
        if (title != null) {
            body.put("title", title);
        }
        return body;
    }

    /** Sends the spend operation with an Idempotency-Key; returns the job it answered with. */
    JsonNode submit(CommandContext context, String operation) {
        return JobDocuments.job(SpendCall.send(context, operation, body(context), idempotency.key()));
    }
}
