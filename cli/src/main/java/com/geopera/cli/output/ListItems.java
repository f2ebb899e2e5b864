package com.geopera.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.http.ApiResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds the items of a list answer: the NDJSON lines, a top-level array, or the array member of an envelope. */
public final class ListItems {
    /** Envelope members that hold the items, most specific first. */
    private static final List<String> ITEM_FIELDS = List.of("items", "jobs", "processes", "job_types", "data",
            "results");

    private ListItems() {
    }

    public static List<JsonNode> of(ApiResponse response) {
        if (!response.lines().isEmpty()) {
            return response.lines();
        }
        return of(response.body());
    }

    public static List<JsonNode> of(JsonNode body) {
        if (body == null) {
            return List.of();
        }
        if (body.isArray()) {
            return elements(body);
        }
        for (String name : ITEM_FIELDS) {
            if (body.path(name).isArray()) {
                return elements(body.get(name));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isArray()) {
                return elements(value);
            }
        }
        return List.of();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return List.copyOf(items);
    }
}
