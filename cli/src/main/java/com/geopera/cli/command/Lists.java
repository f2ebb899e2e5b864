package com.geopera.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.ApiClient;
import com.geopera.cli.http.ApiResponse;
import com.geopera.cli.http.RequestOptions;
import com.geopera.cli.output.ListItems;
import com.geopera.cli.output.OutputFormat;
import com.geopera.cli.output.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a list operation and renders its items: for {@code --output ndjson} the api's NDJSON stream of the whole
 * listing, printed line by line as it arrives; otherwise one page, or with {@code all} every page, each asked with
 * the previous page's {@code next_cursor} (keyset pages: no job twice or skipped while jobs are created).
 */
public final class Lists {
    private static final String NEXT_CURSOR = "next_cursor";

    private Lists() {
    }

    public static ExitCode show(CommandContext context, ApiClient client, String operation, ObjectNode body,
            View view) {
        return show(context, client, operation, body, view, false);
    }

    public static ExitCode show(CommandContext context, ApiClient client, String operation, ObjectNode body,
            View view, boolean all) {
        if (context.outputFormat() == OutputFormat.NDJSON) {
            client.stream(operation, body, item -> context.renderer().list(item, List.of(item), view));
            return ExitCode.OK;
        }
        ApiResponse answer = client.call(operation, body, RequestOptions.read());
        List<JsonNode> items = new ArrayList<>(ListItems.of(answer));
        JsonNode document = answer.body() != null ? answer.body() : context.json().valueToTree(items);
        if (all && answer.body() != null) {
            ObjectNode next = body.deepCopy();
            next.remove(List.of("page", "offset"));
            JsonNode cursor = answer.body().path(NEXT_CURSOR);
            while (cursor.isTextual()) {
                next.put("cursor", cursor.asText());
                JsonNode page = client.call(operation, next, RequestOptions.read()).body();
                items.addAll(ListItems.of(page));
                cursor = page.path(NEXT_CURSOR);
            }
            document = everything(answer.body(), items);
        }
        context.renderer().list(document, items, view);
        return ExitCode.OK;
    }

    /** The first page's envelope holding every item, with nothing left to page. */
    private static JsonNode everything(JsonNode first, List<JsonNode> items) {
        ObjectNode merged = first.deepCopy();
        String field = first.path("jobs").isArray() ? "jobs" : "items";
        ArrayNode array = merged.putArray(field);
        items.forEach(array::add);
        merged.put("has_more", false);
        merged.remove(List.of(NEXT_CURSOR, "page", "offset"));
        return merged;
    }
}
