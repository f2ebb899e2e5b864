package com.geopera.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.error.CliException;
import java.util.List;

/** Writes command results to stdout and failures to stderr in one output format. */
public interface Renderer {
    /** One object, e.g. a job. */
    void object(JsonNode object, View view);

    /** A list: the api's whole answer (with paging information) and the items found in it. */
    void list(JsonNode answer, List<JsonNode> items, View view);

    /** A result without a body (e.g. validate's 204): a sentence for people, a small document for scripts. */
    void confirmation(String sentence, JsonNode document);

    /** A failure: the api's problem document, or a message of the command line itself. */
    void failure(CliException failure);
}
