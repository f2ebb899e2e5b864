package com.geopera.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.http.ApiResponse;
import com.geopera.cli.http.RequestOptions;

/** Sends one admin operation with the admin key; sent once, because creating twice would make two. */
final class AdminCall {
    private AdminCall() {
    }

    static JsonNode send(CommandContext context, String operation, ObjectNode body) {
        ApiResponse answer = context.adminClient().call(operation, body, RequestOptions.once());
        return answer.body() != null ? answer.body() : context.json().createObjectNode();
    }
}
