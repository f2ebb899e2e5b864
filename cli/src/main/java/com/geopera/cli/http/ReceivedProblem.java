package com.geopera.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem document as the api sends it; {@code raw} keeps the whole document (extension members such
 * as {@code available}/{@code required} of insufficient_credits included).
 */
public record ReceivedProblem(int status, String code, String title, String detail, List<FieldError> errors, JsonNode raw) {

    /** One entry of the {@code errors} list: what is wrong and where (a JSON pointer into the request). */
    public record FieldError(String code, String pointer, String message) {
    }

    /** Reads a problem from a response body; a body that is no problem document still yields status and text. */
    public static ReceivedProblem from(int status, JsonNode body, String bodyText) {
        if (body == null || !body.isObject()) {
            String text = bodyText == null || bodyText.isBlank() ? null : bodyText.strip();
            return new ReceivedProblem(status, null, null, text, List.of(), NullNode.getInstance());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            errors.add(new FieldError(text(error, "code"), text(error, "pointer"), text(error, "message")));
        }
        return new ReceivedProblem(body.path("status").asInt(status), text(body, "code"), text(body, "title"),
                text(body, "detail"), List.copyOf(errors), body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** One line for people: {@code insufficient_credits: Not enough credits — needs 12, has 3}. */
    public String summary() {
        StringBuilder line = new StringBuilder();
        line.append(code != null ? code : "HTTP " + status);
        String text = detail != null ? detail : title;
        if (text != null) {
            line.append(": ").append(text);
        }
        return line.toString();
    }
}
