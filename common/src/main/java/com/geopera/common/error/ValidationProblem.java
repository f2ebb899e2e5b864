package com.geopera.common.error;

/**
 * One thing wrong with a request or with process inputs: a stable {@code code}, the JSON pointer of the
 * offending value (e.g. {@code /inputs/aoi}), and a human message.
 */
public record ValidationProblem(String code, String pointer, String message) {
}
