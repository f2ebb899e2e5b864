package com.geopera.cli.command.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.http.ApiResponse;
import com.geopera.cli.http.RequestOptions;

/**
 * Sends one operator operation with the operator key: reads are retried like every read, actions are sent once (a
 * retried pause is harmless, but a retried job retry is not).
 */
final class OpsCall {
    private OpsCall() {
    }

    static JsonNode read(CommandContext context, String operation, ObjectNode body) {
        return bodyOf(context, context.opsClient().call(operation, body, RequestOptions.read()));
    }

    static JsonNode act(CommandContext context, String operation, ObjectNode body) {
        return bodyOf(context, context.opsClient().call(operation, body, RequestOptions.once()));
    }

    private static JsonNode bodyOf(CommandContext context, ApiResponse answer) {
        return answer.body() != null ? answer.body() : context.json().createObjectNode();
    }
}
