package com.geopera.imagery.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.process.InputPin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pins the image inputs of a job ({@link InputPin}): size and mtime of a {@code file:} input, size, {@code ETag}
 * and {@code Last-Modified} of an {@code http(s)://} input (one HEAD request, redirects not followed, so only an
 * allowed host is ever asked). The api pins at estimate time; a worker pins again before it runs and compares, so a
 * file swapped for a bigger one after the estimate is never processed on the smaller one's hold.
 */
public final class InputPins {
    private final InputResolver resolver;
    private final HttpClient http;
    private final Duration timeout;

    public InputPins(InputResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /**
     * The pins of every image input of {@code spec} given in {@code inputs}, by input name. An input that
     * does not resolve (validation reports it) gets no pin.
     */
    public List<InputPin> pin(InputSpec spec, JsonNode inputs) {
        List<InputPin> pins = new ArrayList<>();
        if (inputs == null || !inputs.isObject()) {
            return pins;
        }
        for (Param param : spec.params().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            JsonNode value = inputs.get(param.name());
            if (param.kind() != ParamKind.IMAGE || value == null || !value.isTextual()) {
                continue;
            }
            InputResolver.Resolution resolution = resolver.resolve(value.asText());
            if (!resolution.isOk()) {
                continue;
            }
            pins.add(resolution.isRemote()
                    ? remote(param.name(), value.asText(), resolution.gdalPath().substring("/vsicurl/".length()))
                    : local(param.name(), value.asText(), Path.of(resolution.gdalPath())));
        }
        return pins;
    }

    private static InputPin local(String input, String uri, Path file) {
        try {
            return new InputPin(input, uri, Files.size(file), Files.getLastModifiedTime(file).toInstant().toString(),
                    null);
        } catch (IOException e) {
            // Gone between resolving and reading: a pin that no existing file can match.
            return new InputPin(input, uri, null, null, null);
        }
    }

    private InputPin remote(String input, String uri, String url) {
        try {
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding());
            OptionalLong length = head.headers().firstValueAsLong("Content-Length");
            return new InputPin(input, uri, length.isPresent() ? length.getAsLong() : null,
                    head.headers().firstValue("Last-Modified").orElse(null),
                    head.headers().firstValue("ETag").orElse(null));
        } catch (IOException | IllegalArgumentException e) {
            return new InputPin(input, uri, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InputPin(input, uri, null, null, null);
        }
    }
}
