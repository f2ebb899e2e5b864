package com.geopera.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.ApiClient;
import com.geopera.cli.http.ApiResponse;
import com.geopera.cli.http.RequestOptions;
import com.geopera.cli.output.ListItems;
import com.geopera.cli.output.OutputFormat;
import com.geopera.cli.output.View;
import java.util.List;

/** Calls a list operation — as an NDJSON stream for {@code --output ndjson} — and renders its items. */
public final class Lists {
    private Lists() {
    }

    public static ExitCode show(CommandContext context, ApiClient client, String operation, ObjectNode body,
            View view) {
        boolean streamed = context.outputFormat() == OutputFormat.NDJSON;
        ApiResponse answer = client.call(operation, body,
                streamed ? RequestOptions.readNdjson() : RequestOptions.read());
        List<JsonNode> items = ListItems.of(answer);
        JsonNode document = answer.body() != null ? answer.body() : context.json().valueToTree(items);
        context.renderer().list(document, items, view);
        return ExitCode.OK;
    }
}
