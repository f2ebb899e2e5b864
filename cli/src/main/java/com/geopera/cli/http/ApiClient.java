package com.geopera.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.common.retry.Backoff;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one HTTP client of the command line: calls {@code POST <url>/v1/op/<operation_id>} with a JSON body and a
 * Bearer token, turns problem+json answers into {@link ApiException}s and retries what is safe to retry.
 */
public final class ApiClient {
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    private static final String OPERATION_PATH = "/v1/op/";
    private static final String USER_AGENT = "geopera-cli";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final int HTTP_NO_CONTENT = 204;
    private static final int HTTP_CONFLICT = 409;
    private static final int FIRST_ERROR_STATUS = 400;
    /** Gateway answers that mean "try again", as opposed to a 500 that would repeat. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(502, 503, 504);
    private static final String IN_FLIGHT_CODE = "idempotency_key_in_flight";
    private static final int MAX_QUOTED_CHARS = 200;
    private static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Sleeper sleeper;

    public ApiClient(URI baseUrl, String token, ObjectMapper json, Sleeper sleeper) {
        this(baseUrl, token, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), json, sleeper);
    }

    ApiClient(URI baseUrl, String token, HttpClient http, ObjectMapper json, Sleeper sleeper) {
        this.baseUrl = withoutTrailingSlash(baseUrl);
        this.token = token;
        this.http = http;
        this.json = json;
        this.sleeper = sleeper;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Calls one operation; returns its answer or throws {@link ApiException} / {@link NetworkException}. */
    public ApiResponse call(String operationId, JsonNode body, RequestOptions options) {
        HttpRequest request = operationRequest(operationId, body, options);
        Backoff retry = options.retries();
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = !retry.allowsAnotherTry(attempt);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (lastAttempt) {
                    throw new NetworkException("cannot reach the api at " + baseUrl + " (" + describe(e) + ")", e);
                }
                pause(retry.delayAfter(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.INTERRUPTED, "interrupted");
            }
            if (response.statusCode() < FIRST_ERROR_STATUS) {
                return success(response);
            }
            ReceivedProblem problem = ReceivedProblem.from(response.statusCode(), parseOrNull(response.body()), response.body());
            if (lastAttempt || !isWorthRetrying(problem, options)) {
                throw new ApiException(problem);
            }
            pause(retry.delayAfter(attempt));
        }
    }

    /**
     * Calls a list operation with {@code Accept: application/x-ndjson} and hands each line to {@code item} as it
     * arrives, so a listing of any length is printed in constant memory. Not retried (lines may already be out); a
     * stream the api cut short (no end of its chunked body) is a {@link NetworkException}, never a short listing.
     * Returns how many items came.
     */
    public long stream(String operationId, JsonNode body, java.util.function.Consumer<JsonNode> item) {
        HttpRequest request = operationRequest(operationId, body, RequestOptions.readNdjson());
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new NetworkException("cannot reach the api at " + baseUrl + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
        try (java.util.stream.Stream<String> lines = response.body()) {
            if (response.statusCode() >= FIRST_ERROR_STATUS) {
                String text = String.join("\n", lines.toList());
                throw new ApiException(ReceivedProblem.from(response.statusCode(), parseOrNull(text), text));
            }
            long[] count = {0};
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                item.accept(parse(line));
                count[0]++;
            });
            return count[0];
        } catch (java.io.UncheckedIOException e) {
            throw new NetworkException("the listing from " + baseUrl + " was cut short (" + describe(e.getCause())
                    + ")", e);
        }
    }

    /** A plain GET of a path below the base URL (health, metrics); error statuses are returned, not thrown. */
    public RawResponse get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new RawResponse(response.statusCode(), contentType, response.body());
        } catch (IOException e) {
            throw new NetworkException("cannot reach " + request.uri() + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }

    /**
     * A GET of a path below the base URL (with its query) that answers bytes, e.g. a job's preview image, with the
     * bearer token; an error status is thrown as {@link ApiException} with the problem it carried.
     */
    public byte[] getBytes(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .GET();
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= FIRST_ERROR_STATUS) {
                String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                throw new ApiException(ReceivedProblem.from(response.statusCode(), parseOrNull(text), text));
            }
            return response.body();
        } catch (IOException e) {
            throw new NetworkException("cannot reach " + request.uri() + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }

    private HttpRequest operationRequest(String operationId, JsonNode body, RequestOptions options) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + OPERATION_PATH + operationId))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", JSON)
                .header("Accept", options.ndjson() ? NDJSON : JSON)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (options.idempotencyKey() != null) {
            builder.header("Idempotency-Key", options.idempotencyKey());
        }
        return builder.build();
    }

    private boolean isWorthRetrying(ReceivedProblem problem, RequestOptions options) {
        if (TRANSIENT_STATUSES.contains(problem.status())) {
            return true;
        }
        // Our own earlier attempt may still be running on the server; its stored answer comes once it ends.
        return options.idempotencyKey() != null && problem.status() == HTTP_CONFLICT
                && IN_FLIGHT_CODE.equals(problem.code());
    }

    private ApiResponse success(HttpResponse<String> response) {
        String text = response.body();
        if (response.statusCode() == HTTP_NO_CONTENT || text == null || text.isBlank()) {
            return new ApiResponse(response.statusCode(), null, List.of());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean replayed = response.headers().firstValue(REPLAYED_HEADER).map("true"::equalsIgnoreCase)
                .orElse(false);
        if (contentType.startsWith(NDJSON)) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(parse(line));
                }
            }
            return new ApiResponse(response.statusCode(), null, List.copyOf(lines), replayed);
        }
        return new ApiResponse(response.statusCode(), parse(text), List.of(), replayed);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.SERVER, "the api answered with something that is not JSON: "
                    + abbreviate(text), e);
        }
    }

    private JsonNode parseOrNull(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String text) {
        String line = text.strip();
        return line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "…";
    }

    private static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }
}
