package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks registered outputs ({@code JobOutput} objects): a unique URL-safe name and an href that is a file below
 * the storage root. The stored href stays the storage location; clients get one the api serves.
 */
@ApplicationScoped
public class OutputRegistration {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Inject
    OutputStorage storage;

    /** The outputs to store, adding a problem (pointer {@code /outputs/i/...}) for each thing wrong. */
    public ArrayNode check(JsonNode outputs, List<ValidationProblem> problems) {
        ArrayNode accepted = Json.mapper().createArrayNode();
        if (outputs == null || outputs.isNull()) {
            return accepted;
        }
        if (!outputs.isArray()) {
            problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, "/outputs", "outputs must be an array"));
            return accepted;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            String at = "/outputs/" + i;
            if (!output.isObject()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at, "each output must be an object"));
                continue;
            }
            String name = output.path("name").isTextual() ? output.get("name").asText() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(new ValidationProblem(name == null ? InputErrorCodes.REQUIRED : InputErrorCodes.NOT_ALLOWED_VALUE,
                        at + "/name", "name must be 1-128 characters of letters, digits, '.', '_' or '-'"));
            } else if (!names.add(name)) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, at + "/name", "duplicate output name " + name));
            }
            String href = output.path("href").isTextual() ? output.get("href").asText() : null;
            if (href == null) {
                problems.add(new ValidationProblem(InputErrorCodes.REQUIRED, at + "/href", "href is required"));
            } else if (storage.resolve(href).isEmpty()) {
                problems.add(new ValidationProblem(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS, at + "/href",
                        "href must be a file: URI below the storage root"));
            }
            JsonNode size = output.get("size_bytes");
            if (size != null && !size.isNull() && !size.canConvertToLong()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at + "/size_bytes", "size_bytes must be an integer"));
            }
            JsonNode metadata = output.get("metadata");
            if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at + "/metadata", "metadata must be an object"));
            }
            ObjectNode stored = Json.mapper().createObjectNode();
            stored.put("name", name);
            stored.put("href", href);
            stored.put("media_type", output.path("media_type").asText("application/octet-stream"));
            stored.put("size_bytes", size == null ? 0L : size.asLong(0L));
            stored.set("metadata", metadata == null || !metadata.isObject() ? Json.mapper().createObjectNode() : metadata);
            accepted.add(stored);
        }
        return accepted;
    }
}
