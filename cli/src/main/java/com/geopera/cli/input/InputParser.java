package com.geopera.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a process's {@code inputs} object from {@code --inputs-file} and repeated {@code --input name=value}:
 * {@code @path} reads a JSON file, a JSON literal (number, boolean, null, object, array, quoted string) is parsed,
 * anything else is a string — {@code file:elev.tif} included, which the api resolves in its input roots.
 */
public final class InputParser {
    private static final String FILE_REFERENCE = "@";

    private final ObjectMapper json;
    private final Path workingDir;

    public InputParser(ObjectMapper json, Path workingDir) {
        this.json = json;
        this.workingDir = workingDir;
    }

    /** The inputs object: the file's members first, then each {@code --input} (which may not repeat a name). */
    public ObjectNode parse(Path inputsFile, List<String> assignments) {
        ObjectNode inputs = inputsFile == null ? json.createObjectNode() : readInputsFile(inputsFile);
        ObjectNode fromFlags = json.createObjectNode();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw usage("--input needs name=value, got '" + assignment + "'");
            }
            String name = assignment.substring(0, equals).strip();
            if (fromFlags.has(name)) {
                throw usage("--input " + name + " is given twice");
            }
            fromFlags.set(name, value(assignment.substring(equals + 1)));
        }
        inputs.setAll(fromFlags);
        return inputs;
    }

    /** The JSON value of one {@code --input} right-hand side. */
    public JsonNode value(String text) {
        if (text.startsWith(FILE_REFERENCE)) {
            return readJsonFile(resolve(text.substring(FILE_REFERENCE.length())));
        }
        if (looksLikeJson(text)) {
            try {
                return json.readTree(text);
            } catch (JsonProcessingException e) {
                // Not valid JSON after all (e.g. "1.2.3"): keep it as the string the user typed.
            }
        }
        return TextNode.valueOf(text);
    }

    private static boolean looksLikeJson(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        char first = trimmed.charAt(0);
        return first == '{' || first == '[' || first == '"' || first == '-' || Character.isDigit(first)
                || trimmed.equals("true") || trimmed.equals("false") || trimmed.equals("null");
    }

    private ObjectNode readInputsFile(Path file) {
        JsonNode node = readJsonFile(resolve(file.toString()));
        if (!node.isObject()) {
            throw usage("--inputs-file " + file + " must hold a JSON object of inputs");
        }
        return (ObjectNode) node;
    }

    private JsonNode readJsonFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw usage("no such file: " + file);
        }
        try {
            return json.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw usage(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private Path resolve(String location) {
        Path path = Path.of(location);
        return path.isAbsolute() ? path : workingDir.resolve(path);
    }

    private static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
