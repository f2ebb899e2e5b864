package com.geopera.imagery.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** Inputs after schema validation: typed access, defaults applied, and which inputs passed. */
public final class ValidInputs {
    private final JsonNode raw;
    private final Map<String, Param> params;
    private final Set<String> valid;

    ValidInputs(JsonNode raw, Map<String, Param> params, Set<String> valid) {
        this.raw = raw;
        this.params = params;
        this.valid = Set.copyOf(valid);
    }

    /** True when the input was given and has the right shape. */
    public boolean isValid(String name) {
        return valid.contains(name);
    }

    /** True when the input was given (whatever its shape). */
    public boolean isPresent(String name) {
        JsonNode n = raw.get(name);
        return n != null && !n.isNull();
    }

    /** True when the input is valid or, being absent, has a default. */
    public boolean isUsable(String name) {
        return isValid(name) || (!isPresent(name) && params.containsKey(name) && params.get(name).defaultValue() != null);
    }

    public JsonNode node(String name) {
        return isValid(name) ? raw.get(name) : null;
    }

    public String string(String name) {
        return isValid(name) ? raw.get(name).asText() : (String) defaultOf(name);
    }

    public Integer integer(String name) {
        if (isValid(name)) {
            return raw.get(name).asInt();
        }
        Object d = defaultOf(name);
        return d == null ? null : ((Number) d).intValue();
    }

    public Double number(String name) {
        if (isValid(name)) {
            return raw.get(name).asDouble();
        }
        Object d = defaultOf(name);
        return d == null ? null : ((Number) d).doubleValue();
    }

    private Object defaultOf(String name) {
        if (isPresent(name)) {
            return null;
        }
        Param p = params.get(name);
        return p == null ? null : p.defaultValue();
    }
}
