package com.geopera.common.process;

import com.fasterxml.jackson.databind.JsonNode;

/** One process output: title, description and the JSON Schema (with media type) of what it produces. */
public record OutputDescription(String title, String description, JsonNode schema) {
}
