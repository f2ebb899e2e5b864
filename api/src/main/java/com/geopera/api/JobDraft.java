package com.geopera.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.error.ValidationProblem;
import java.util.List;

/**
 * What create / create_and_dispatch / execute ask for, with the problems already found while reading the body
 * (services add theirs, then refuse with all of them at once).
 */
public record JobDraft(String processId, String workspaceId, String projectId, String title, ObjectNode inputs,
        List<ValidationProblem> problems) {
}
