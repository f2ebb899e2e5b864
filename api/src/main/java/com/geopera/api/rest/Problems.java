package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.core.Response;

/** Renders {@link ApiProblem}s as {@code application/problem+json}. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://docs.geopera.com/problems/";

    private Problems() {
    }

    public static Map<String, Object> document(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + problem.code());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            for (ValidationProblem error : problem.errors()) {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("code", error.code());
                item.put("pointer", error.pointer());
                item.put("message", error.message());
                errors.add(item);
            }
            body.put("errors", errors);
        }
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }

    public static byte[] bytes(ApiProblem problem) {
        try {
            return Json.mapper().writeValueAsBytes(document(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response response(ApiProblem problem) {
        return builder(problem).build();
    }

    /** A problem answer to add headers to (e.g. Retry-After). */
    public static Response.ResponseBuilder builder(ApiProblem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(bytes(problem));
    }
}
