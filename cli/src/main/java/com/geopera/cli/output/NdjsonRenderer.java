package com.geopera.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.geopera.cli.error.CliException;
import java.io.PrintWriter;
import java.util.List;

/** {@code --output ndjson}: one compact JSON document per line — each list item, or the single object. */
public final class NdjsonRenderer implements Renderer {
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json;

    public NdjsonRenderer(PrintWriter out, PrintWriter err, ObjectMapper json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    @Override
    public void object(JsonNode object, View view) {
        line(out, object);
    }

    @Override
    public void list(JsonNode answer, List<JsonNode> items, View view) {
        items.forEach(item -> line(out, item));
    }

    @Override
    public void confirmation(String sentence, JsonNode document) {
        line(out, document);
    }

    @Override
    public void failure(CliException failure) {
        line(err, JsonRenderer.problemDocument(failure, json));
    }

    private void line(PrintWriter target, JsonNode node) {
        try {
            target.println(json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        target.flush();
    }
}
