package com.geopera.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls {@code POST /v1/op/<operation>} with a JSON body and a bearer key; answers status and JSON body. */
public final class OperationClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;

    /** A client on the JDK's default protocol: HTTP/2 (cleartext, after an upgrade), its calls sharing one connection. */
    public OperationClient(String baseUrl, String bearer) {
        this(baseUrl, bearer, HttpClient.Version.HTTP_2);
    }

    /**
     * A client on the given protocol; with {@link HttpClient.Version#HTTP_1_1} each call in flight has a connection
     * of its own (kept alive and reused), as a client with that many connections has.
     */
    public OperationClient(String baseUrl, String bearer, HttpClient.Version version) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.http = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One answer of the api. */
    public record Answer(int status, JsonNode body) {
        /** The body, after checking the status is 2xx. */
        public JsonNode ok() {
            if (status / 100 != 2) {
                throw new IllegalStateException("HTTP " + status + ": " + body);
            }
            return body;
        }
    }

    public Answer call(String operation, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/op/" + operation))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(text);
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + operation + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls and requires a 2xx answer. */
    public JsonNode ok(String operation, Object body) {
        Answer answer = call(operation, body);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(operation + " → HTTP " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }
}
