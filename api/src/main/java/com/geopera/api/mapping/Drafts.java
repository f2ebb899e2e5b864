package com.geopera.api.mapping;

import com.geopera.api.JobDraft;

/** Reads the body of create / create_and_dispatch / execute. */
public final class Drafts {
    private Drafts() {
    }

    public static JobDraft read(RequestBody body) {
        String processId = body.requiredString("process_id", "processId");
        String workspaceId = body.requiredString("workspaceId", "workspace_id");
        String projectId = body.optionalString("project_id", "projectId");
        String title = body.optionalString("title");
        return new JobDraft(processId, workspaceId, projectId, title, body.optionalObject("inputs"), body.problems());
    }
}
