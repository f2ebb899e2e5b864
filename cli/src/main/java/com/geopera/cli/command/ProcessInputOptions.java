package com.geopera.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --process-id} with its inputs from {@code --input name=value} and/or {@code --inputs-file}. */
public final class ProcessInputOptions {
    @Option(names = {"-p", "--process-id"}, required = true, paramLabel = "PROCESS",
            description = "Process to run, e.g. clip (see geopera processing catalog list).")
    String processId;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE",
            description = "One input: NAME=@file.json (JSON file), NAME=<JSON literal> (1.2, true, [..], {..}), "
                    + "else a string, e.g. image=file:elev.tif (a path in the api's input roots). Repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--inputs-file", paramLabel = "FILE",
            description = "JSON object of inputs; --input values are added on top.")
    Path inputsFile;

    public String processId() {
        return processId;
    }

    /** The {@code inputs} object for the request. */
    public ObjectNode inputs(CommandContext context) {
        return context.inputParser().parse(inputsFile, inputs);
    }

    /** {@code {"process_id": …, "inputs": {…}}}, the body shared by estimate, validate, create and execute. */
    public ObjectNode body(CommandContext context) {
        ObjectNode body = context.json().createObjectNode();
        body.put("process_id", processId);
        body.set("inputs", inputs(context));
        return body;
    }
}
