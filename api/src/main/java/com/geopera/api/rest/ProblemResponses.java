package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.geopera.api.contract.FieldProblem;
import com.geopera.api.contract.Problem;
import com.geopera.common.json.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.core.Response;

/** Renders {@link ApiProblem}s as {@code application/problem+json}. */
public final class ProblemResponses {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://docs.geopera.com/problems/";
    private static final TypeReference<Map<String, Object>> MEMBERS = new TypeReference<>() {
    };

    private ProblemResponses() {
    }

    /** The problem document: the {@link Problem} members, then the problem's own extra members. */
    public static Map<String, Object> document(ApiProblem problem) {
        List<FieldProblem> errors = problem.errors().isEmpty() ? null : problem.errors().stream()
                .map(error -> new FieldProblem(error.code(), error.pointer(), error.message())).toList();
        Problem base = new Problem(TYPE_BASE + problem.code(), problem.title(), problem.status(), problem.detail(),
                problem.code(), errors);
        Map<String, Object> body = new LinkedHashMap<>(Json.mapper().convertValue(base, MEMBERS));
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
