package com.geopera.imagery.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.process.InputDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inputs of one process: their JSON Schemas (for descriptions) and their schema validation. */
public final class InputSpec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Param> params = new LinkedHashMap<>();

    public InputSpec(List<Param> params) {
        params.forEach(p -> this.params.put(p.name(), p));
    }

    public Map<String, Param> params() {
        return Map.copyOf(params);
    }

    /** OGC input descriptions, in declaration order. */
    public Map<String, InputDescription> descriptions() {
        Map<String, InputDescription> out = new LinkedHashMap<>();
        params.values().forEach(p -> out.put(p.name(),
                new InputDescription(p.title(), p.description(), schemaOf(p), p.required() ? 1 : 0, 1)));
        return out;
    }

    /** Checks the shape of every input (unknown fields, required, types, ranges, enumerations). */
    public ValidInputs validate(JsonNode inputs, Problems problems) {
        if (inputs == null || inputs.isNull() || inputs.isMissingNode()) {
            inputs = NODES.objectNode();
        }
        if (!inputs.isObject()) {
            problems.add(InputErrorCodes.TYPE_MISMATCH, Problems.INPUTS, "inputs must be a JSON object");
            return new ValidInputs(NODES.objectNode(), Map.of(), java.util.Set.of());
        }
        java.util.Set<String> valid = new java.util.HashSet<>();
        inputs.fieldNames().forEachRemaining(name -> {
            if (!params.containsKey(name)) {
                problems.add(InputErrorCodes.UNKNOWN_FIELD, Problems.pointer(name), "unknown input '" + name + "'");
            }
        });
        for (Param p : params.values()) {
            JsonNode value = inputs.get(p.name());
            if (value == null || value.isNull()) {
                if (p.required()) {
                    problems.add(InputErrorCodes.REQUIRED, Problems.pointer(p.name()), "input '" + p.name() + "' is required");
                }
                continue;
            }
            if (checkShape(p, value, problems)) {
                valid.add(p.name());
            }
        }
        return new ValidInputs(inputs, params, valid);
    }

    private static boolean checkShape(Param p, JsonNode value, Problems problems) {
        String pointer = Problems.pointer(p.name());
        switch (p.kind()) {
            case IMAGE, CRS, STRING -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    problems.add(InputErrorCodes.TYPE_MISMATCH, pointer, "'" + p.name() + "' must be a non-empty string");
                    return false;
                }
                if (!p.allowed().isEmpty() && !p.allowed().contains(value.asText())) {
                    problems.add(InputErrorCodes.NOT_ALLOWED_VALUE, pointer,
                            "'" + p.name() + "' must be one of " + p.allowed());
                    return false;
                }
                return true;
            }
            case INTEGER, NUMBER -> {
                boolean integer = p.kind() == ParamKind.INTEGER;
                if (!value.isNumber() || (integer && !value.canConvertToExactIntegral())) {
                    problems.add(InputErrorCodes.TYPE_MISMATCH, pointer,
                            "'" + p.name() + "' must be " + (integer ? "an integer" : "a number"));
                    return false;
                }
                double v = value.asDouble();
                boolean belowMin = p.minimum() != null && (p.exclusiveMinimum() ? v <= p.minimum() : v < p.minimum());
                boolean aboveMax = p.maximum() != null && v > p.maximum();
                if (belowMin || aboveMax || !Double.isFinite(v)) {
                    problems.add(InputErrorCodes.OUT_OF_RANGE, pointer, "'" + p.name() + "' must be "
                            + rangeText(p));
                    return false;
                }
                return true;
            }
            case POLYGON, POINTS -> {
                if (!value.isObject()) {
                    problems.add(InputErrorCodes.TYPE_MISMATCH, pointer, "'" + p.name() + "' must be a GeoJSON object");
                    return false;
                }
                return true;
            }
            default -> throw new IllegalStateException("unhandled kind " + p.kind());
        }
    }

    private static String rangeText(Param p) {
        String lo = p.minimum() == null ? "" : (p.exclusiveMinimum() ? "> " : ">= ") + fmt(p.minimum());
        String hi = p.maximum() == null ? "" : "<= " + fmt(p.maximum());
        return lo.isEmpty() ? hi : hi.isEmpty() ? lo : lo + " and " + hi;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static JsonNode schemaOf(Param p) {
        ObjectNode s = NODES.objectNode();
        switch (p.kind()) {
            case IMAGE -> s.put("type", "string").put("format", "uri");
            case INTEGER -> s.put("type", "integer");
            case NUMBER -> s.put("type", "number");
            case STRING, CRS -> s.put("type", "string");
            case POLYGON -> {
                s.put("type", "object").put("contentMediaType", "application/geo+json");
                ArrayNode types = s.putObject("properties").putObject("type").putArray("enum");
                types.add("Polygon").add("MultiPolygon").add("Feature");
                s.putArray("required").add("type");
            }
            case POINTS -> {
                s.put("type", "object").put("contentMediaType", "application/geo+json");
                s.putObject("properties").putObject("type").put("const", "FeatureCollection");
                s.putArray("required").add("type").add("features");
            }
            default -> throw new IllegalStateException("unhandled kind " + p.kind());
        }
        if (p.minimum() != null) {
            s.put(p.exclusiveMinimum() ? "exclusiveMinimum" : "minimum", p.minimum());
        }
        if (p.maximum() != null) {
            s.put("maximum", p.maximum());
        }
        if (!p.allowed().isEmpty()) {
            ArrayNode e = s.putArray("enum");
            p.allowed().forEach(e::add);
        }
        if (p.defaultValue() != null) {
            s.set("default", com.geopera.common.json.Json.mapper().valueToTree(p.defaultValue()));
        }
        if (p.kind() == ParamKind.CRS) {
            s.put("examples", "EPSG:3857");
        }
        return s;
    }
}
