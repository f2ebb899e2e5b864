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
 * The one hand-made step of reading a request: bytes to a JSON object. Malformed JSON is 400, a body over the limit
 * 413, anything but an object 422 at the top; an empty body is the empty object. Strings PostgreSQL cannot store (NUL,
 * bytes that are not UTF-8, lone surrogates) and numbers beyond a double are refused here for every operation at once
 * (422 with their pointers, each once): Jackson would turn bytes that are not UTF-8 into U+FFFD and {@code 1e400}
 * into Infinity before any binding or constraint could see them, so they are checked on the bytes' own tree.
 */
public final class JsonBody {
    private JsonBody() {
    }

    /** The body as a JSON object, or the problem that refuses it. */
    public static ObjectNode parse(byte[] bytes, int maxBytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the body has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        if (bytes == null || isBlank(bytes)) {
            return Json.mapper().createObjectNode();
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
            return Json.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw ApiProblem.invalid(InputErrorCodes.TYPE_MISMATCH, "", "the body must be a JSON object");
        }
        List<ValidationProblem> unstorable = new ArrayList<>();
        BodyText.check(node, "", text.hadMalformedBytes(), unstorable);
        if (!unstorable.isEmpty()) {
            throw ApiProblem.invalid(unstorable);
        }
        return (ObjectNode) node;
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
}
