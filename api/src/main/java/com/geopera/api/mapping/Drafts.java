package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.JobDraft;

/** Reads the body of create / create_and_dispatch / execute. */
public final class Drafts {
    private Drafts() {
    }

    /** The draft; 413 {@code inputs_too_large} when its inputs are over {@code maxInputsBytes} (InputsSize). */
    public static JobDraft read(RequestBody body, int maxInputsBytes) {
        String processId = body.requiredString("process_id", "processId");
        String workspaceId = body.requiredString("workspaceId", "workspace_id");
        String projectId = body.optionalString("project_id", "projectId");
        String title = body.optionalString("title");
        ObjectNode inputs = body.optionalObject("inputs");
        InputsSize.requireWithin(inputs, maxInputsBytes);
        return new JobDraft(processId, workspaceId, projectId, title, inputs, body.problems());
    }
}
