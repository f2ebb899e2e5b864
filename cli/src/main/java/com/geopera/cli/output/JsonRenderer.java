package com.geopera.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.error.CliException;
import com.geopera.cli.http.ApiException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code --output json}: the api's documents as they came, pretty-printed; failures as problem JSON on stderr. */
public final class JsonRenderer implements Renderer {
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json;

    public JsonRenderer(PrintWriter out, PrintWriter err, ObjectMapper json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    @Override
    public void object(JsonNode object, View view) {
        print(out, object);
    }

    @Override
    public void list(JsonNode answer, List<JsonNode> items, View view) {
        print(out, answer);
    }

    @Override
    public void confirmation(String sentence, JsonNode document) {
        print(out, document);
    }

    @Override
    public void failure(CliException failure) {
        print(err, problemDocument(failure, json));
    }

    /** The api's problem document, or one in the same shape for failures of the command line itself. */
    static JsonNode problemDocument(CliException failure, ObjectMapper json) {
        if (failure instanceof ApiException apiFailure && apiFailure.problem().raw().isObject()) {
            return apiFailure.problem().raw();
        }
        ObjectNode problem = json.createObjectNode();
        if (failure instanceof ApiException apiFailure) {
            problem.put("status", apiFailure.problem().status());
        }
        problem.put("code", "cli_" + failure.exitCode().name().toLowerCase(Locale.ROOT));
        problem.put("detail", failure.getMessage());
        problem.put("exit_code", failure.exitCode().code());
        return problem;
    }

    private void print(PrintWriter target, JsonNode node) {
        try {
            target.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        target.flush();
    }
}
