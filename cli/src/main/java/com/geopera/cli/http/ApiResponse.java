package com.geopera.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful answer of the api: the HTTP status and either a JSON body ({@code null} for an empty body such as
 * validate's 204) or, for NDJSON, one node per line; {@code replayed} when the api answered a repeated
 * Idempotency-Key with the stored first response.
 */
public record ApiResponse(int status, JsonNode body, List<JsonNode> lines, boolean replayed) {
    public ApiResponse(int status, JsonNode body, List<JsonNode> lines) {
        this(status, body, lines, false);
    }

    public boolean isEmpty() {
        return body == null && lines.isEmpty();
    }
}
