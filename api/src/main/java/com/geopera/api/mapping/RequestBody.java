package com.geopera.api.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.ApiProblem;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's JSON body, read field by field while collecting every problem, so one 422 lists them all.
 * Malformed JSON is 400, a body over the limit 413; an empty body is the empty object. Strings PostgreSQL cannot
 * store (NUL, bytes that are not UTF-8, lone surrogates) and numbers beyond a double are refused here for every
 * operation at once (422 with their pointers), so no operation has to remember them field by field.
 */
public final class RequestBody {
    private final ObjectNode root;
    private final List<ValidationProblem> problems = new ArrayList<>();

    private RequestBody(ObjectNode root) {
        this.root = root;
    }

    public static RequestBody parse(byte[] bytes, int maxBytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the body has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        if (bytes == null || isBlank(bytes)) {
            return new RequestBody(Json.mapper().createObjectNode());
        }
        JsonNode node;
        Text text = decode(bytes);
        try {
            node = Json.mapper().readTree(text.chars());
        } catch (JsonProcessingException e) {
            throw ApiProblem.of(ErrorCode.MALFORMED_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.of(ErrorCode.MALFORMED_REQUEST, "the body could not be read");
        }
        if (node == null || node.isMissingNode()) {
            return new RequestBody(Json.mapper().createObjectNode());
        }
        if (!node.isObject()) {
            throw ApiProblem.invalid(InputErrorCodes.TYPE_MISMATCH, "", "the body must be a JSON object");
        }
        List<ValidationProblem> unstorable = new ArrayList<>();
        BodyText.check(node, "", text.hadMalformedBytes(), unstorable);
        if (!unstorable.isEmpty()) {
            throw ApiProblem.invalid(unstorable);
        }
        return new RequestBody((ObjectNode) node);
    }

    /** The body as characters, and whether bytes that are not UTF-8 had to be replaced by {@link BodyText#MALFORMED}. */
    private record Text(String chars, boolean hadMalformedBytes) {
    }

    /**
     * Decodes strictly first; bytes that are not UTF-8 become {@link BodyText#MALFORMED} so that, when they sit inside
     * a string, the 422 can point at that field (outside a string they leave no valid JSON: 400).
     */
    private static Text decode(byte[] bytes) {
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(), false);
        } catch (CharacterCodingException e) {
            CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(String.valueOf(BodyText.MALFORMED));
            try {
                return new Text(lenient.decode(ByteBuffer.wrap(bytes)).toString(), true);
            } catch (CharacterCodingException impossible) {
                throw ApiProblem.of(ErrorCode.MALFORMED_REQUEST, "the body is not UTF-8");
            }
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    public ObjectNode root() {
        return root;
    }

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null && !root.hasNonNull(field)) {
            problem(InputErrorCodes.REQUIRED, field, field + " is required");
        }
        return value;
    }

    /** The first of several accepted spellings (e.g. {@code workspaceId} and {@code workspace_id}). */
    public String requiredString(String field, String alias) {
        if (!root.hasNonNull(field) && root.hasNonNull(alias)) {
            return requiredString(alias);
        }
        return requiredString(field);
    }

    public String optionalString(String field, String alias) {
        return !root.hasNonNull(field) && root.hasNonNull(alias) ? optionalString(alias) : optionalString(field);
    }

    public String optionalString(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problem(InputErrorCodes.TYPE_MISMATCH, field, field + " must be a string");
            return null;
        }
        if (node.asText().isBlank()) {
            problem(InputErrorCodes.REQUIRED, field, field + " must not be empty");
            return null;
        }
        return node.asText();
    }

    public Integer optionalInt(String field, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
                return checkRange(field, Integer.parseInt(node.asText()), min, max);
            }
            problem(InputErrorCodes.TYPE_MISMATCH, field, field + " must be an integer");
            return null;
        }
        return checkRange(field, node.intValue(), min, max);
    }

    public Long requiredLong(String field, long min) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problem(InputErrorCodes.REQUIRED, field, field + " is required");
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem(InputErrorCodes.TYPE_MISMATCH, field, field + " must be an integer");
            return null;
        }
        if (node.longValue() < min) {
            problem(InputErrorCodes.OUT_OF_RANGE, field, field + " must be at least " + min);
            return null;
        }
        return node.longValue();
    }

    private Integer checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            problem(InputErrorCodes.OUT_OF_RANGE, field, field + " must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    /** An object field; absent or null gives an empty object. */
    public ObjectNode optionalObject(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            problem(InputErrorCodes.TYPE_MISMATCH, field, field + " must be an object");
            return Json.mapper().createObjectNode();
        }
        return (ObjectNode) node;
    }

    /** A list of strings given as a JSON array or as one comma-separated string. */
    public List<String> optionalStringList(String field) {
        JsonNode node = root.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
            return values;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    values.add(node.get(i).asText());
                } else {
                    problem(InputErrorCodes.TYPE_MISMATCH, field + "/" + i, field + " must list strings");
                }
            }
            return values;
        }
        problem(InputErrorCodes.TYPE_MISMATCH, field, field + " must be a string or an array of strings");
        return values;
    }

    public JsonNode raw(String field) {
        return root.get(field);
    }

    /** Records a problem at {@code /field} (fields may already contain slashes for nested pointers). */
    public void problem(String code, String field, String message) {
        problems.add(new ValidationProblem(code, field.isEmpty() || field.startsWith("/") ? field : "/" + field, message));
    }

    public void add(List<ValidationProblem> more) {
        problems.addAll(more);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    /** Throws one 422 listing every problem found so far. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }
}
