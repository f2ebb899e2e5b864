package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the parts of a parsed body no operation may take: PostgreSQL refuses NUL in text and jsonb, a lone UTF-16
 * surrogate cannot be encoded back to UTF-8, and a number beyond a double's range becomes Infinity, which is not
 * JSON. Each is reported with the JSON pointer of its string, member name or number.
 */
final class BodyText {
    /** Stands for bytes that were not UTF-8; a noncharacter, so no client has a reason to send it. */
    static final char MALFORMED = '\uFFFF';

    private BodyText() {
    }

    static void check(JsonNode node, String pointer, boolean hadMalformedBytes, List<ValidationProblem> problems) {
        if (node.isTextual()) {
            checkString(node.textValue(), pointer, "string", hadMalformedBytes, problems);
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigDecimal()) {
            problems.add(new ValidationProblem(InputErrorCodes.OUT_OF_RANGE, pointer,
                    "the number at " + display(pointer) + " is beyond the range of a double"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), pointer + "/" + i, hadMalformedBytes, problems);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String child = pointer + "/" + escape(member.getKey());
                checkString(member.getKey(), child, "member name", hadMalformedBytes, problems);
                check(member.getValue(), child, hadMalformedBytes, problems);
            }
        }
    }

    private static void checkString(String value, String pointer, String what, boolean hadMalformedBytes,
            List<ValidationProblem> problems) {
        String reason = reason(value, hadMalformedBytes);
        if (reason != null) {
            problems.add(new ValidationProblem(InputErrorCodes.INVALID_CHARACTERS, pointer,
                    "the " + what + " at " + display(pointer) + " " + reason));
        }
    }

    /** Why a string cannot be taken, or null. */
    static String reason(String value, boolean hadMalformedBytes) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "contains a NUL character (U+0000)";
            }
            if (hadMalformedBytes && c == MALFORMED) {
                return "contains bytes that are not UTF-8";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String display(String pointer) {
        return pointer.isEmpty() ? "the top" : pointer;
    }
}
