package com.geopera.common.process;

import com.fasterxml.jackson.databind.JsonNode;

/** One process input: its JSON Schema and how often it may occur (OGC API – Processes). */
public record InputDescription(String title, String description, JsonNode schema, int minOccurs, int maxOccurs) {
}
