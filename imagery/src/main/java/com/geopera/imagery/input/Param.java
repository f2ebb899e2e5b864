package com.geopera.imagery.input;

import java.util.List;

/**
 * One process input: its name, documentation, kind and constraints. The JSON Schema of the input and its
 * schema validation are both derived from this, so the two never disagree.
 *
 * @param minimum          inclusive lower bound of a number or integer, or null
 * @param exclusiveMinimum true when {@code minimum} itself is not allowed
 * @param maximum          inclusive upper bound, or null
 * @param allowed          allowed values of an enumerated string, or empty
 * @param defaultValue     value used when the input is absent, or null
 */
public record Param(
        String name,
        String title,
        String description,
        ParamKind kind,
        boolean required,
        Double minimum,
        boolean exclusiveMinimum,
        Double maximum,
        List<String> allowed,
        Object defaultValue) {

    public Param {
        allowed = List.copyOf(allowed);
    }

    public static Param image(String name, String description) {
        return new Param(name, "Image", description, ParamKind.IMAGE, true, null, false, null, List.of(), null);
    }

    public static Param band(String name, String title, String description, Integer defaultValue) {
        return new Param(name, title, description, ParamKind.INTEGER, defaultValue == null, 1d, false, null, List.of(),
                defaultValue);
    }

    public static Param number(String name, String title, String description, boolean required, Double min,
                               boolean exclusiveMin, Double max, Double defaultValue) {
        return new Param(name, title, description, ParamKind.NUMBER, required, min, exclusiveMin, max, List.of(),
                defaultValue);
    }

    public static Param choice(String name, String title, String description, List<String> allowed, String defaultValue) {
        return new Param(name, title, description, ParamKind.STRING, defaultValue == null, null, false, null, allowed,
                defaultValue);
    }

    public static Param crs(String name, String title, String description, boolean required) {
        return new Param(name, title, description, ParamKind.CRS, required, null, false, null, List.of(), null);
    }

    public static Param polygon(String name, String title, String description, boolean required) {
        return new Param(name, title, description, ParamKind.POLYGON, required, null, false, null, List.of(), null);
    }

    public static Param points(String name, String title, String description, boolean required) {
        return new Param(name, title, description, ParamKind.POINTS, required, null, false, null, List.of(), null);
    }
}
