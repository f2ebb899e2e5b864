package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests of every kind against every operation on both URL forms. Whatever arrives, the api answers
 * without a 5xx, and every refusal is a problem document with a code. The generator is a seeded {@link Random}: the
 * seed is printed, and {@code -Dgeopera.fuzz.seed=<seed>} replays a failing run.
 */
@QuarkusTest
class MalformedRequestFuzzTest {
    private static final int RANDOM_REQUESTS = 600;
    private static final List<String> FIELDS = List.of("job_id", "jobId", "process_id", "processId", "workspaceId",
            "workspace_id", "inputs", "project_id", "title", "version", "outputs", "usage", "status", "ids", "page",
            "limit", "sort", "offset", "category", "org_id", "name", "key_id", "principal_id", "scopes", "credits",
            "reference", "session_id", "ttl_seconds", "job_type_name");
    private static final List<String> HOSTILE_URIS = List.of("http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:5432/", "http://[::1]:9092/", "http://0x7f000001/", "file:/etc/passwd",
            "file:///etc/passwd", "file:../../../../etc/passwd", "file:%2e%2e/%2e%2e/etc/shadow",
            "file:/proc/self/environ", "gopher://127.0.0.1:5432/_", "/vsicurl/http://169.254.169.254/",
            "/vsizip//etc/passwd", "ftp://example.com/x.tif", "jar:file:/etc/passwd!/", "\\\\server\\share\\x.tif");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/json; charset=utf-16", ";;;", "*/*", "application/problem+json");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** A named way to spoil a request. */
    private record Spoiler(String name, Function<Random, Request> make) {
    }

    /** What is sent: content type, body, optional method and extra headers. */
    private record Request(String contentType, byte[] body, String method, Map<String, String> headers) {
        Request(String contentType, byte[] body) {
            this(contentType, body, "POST", Map.of());
        }
    }

    private Fixture org;

    @Test
    void a_thousand_malformed_requests_across_every_operation_get_no_5xx_and_only_problem_documents() {
        long seed = Long.getLong("geopera.fuzz.seed", System.nanoTime());
        System.out.println("MalformedRequestFuzzTest seed: " + seed + " (replay with -Dgeopera.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        org = Fixture.org(1_000_000);
        List<String> operations = HostileInputTest.operations();
        List<Spoiler> spoilers = spoilers();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String operation : operations) {
            for (boolean resourceForm : new boolean[] {false, true}) {
                for (Spoiler spoiler : spoilers) {
                    failures.addAll(send(operation, resourceForm, spoiler, random));
                    sent++;
                }
            }
        }
        for (int i = 0; i < RANDOM_REQUESTS; i++) {
            String operation = operations.get(random.nextInt(operations.size()));
            failures.addAll(send(operation, random.nextBoolean(), spoilers.get(random.nextInt(spoilers.size())), random));
            sent++;
        }
        System.out.println("MalformedRequestFuzzTest: " + sent + " requests, " + failures.size() + " failures");
        assertThat(sent).isGreaterThanOrEqualTo(1000);
        assertThat(failures).as("seed " + seed).isEmpty();
    }

    private List<String> send(String operation, boolean resourceForm, Spoiler spoiler, Random random) {
        Request request = spoiler.make().apply(random);
        String path = Fixture.path(operation, resourceForm);
        String token = AuthMatrixTest.tokenFor(org, operation);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(RawHttp.ascii(request.method() + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: " + request.contentType() + "\r\n"));
        request.headers().forEach((name, value) -> head.writeBytes(RawHttp.ascii(name + ": " + value + "\r\n")));
        RawHttp.Answer answer;
        try {
            answer = RawHttp.send(head.toByteArray(), request.body());
        } catch (java.io.UncheckedIOException noAnswer) {
            return notHttp(request) ? List.of() : List.of("no answer (" + noAnswer.getCause() + "): " + spoiler.name()
                    + " " + request.method() + " " + path + " " + request.headers() + " " + preview(request.body()));
        }
        String what = spoiler.name() + " " + request.method() + " " + path + " " + request.headers() + " "
                + preview(request.body()) + " → "
                + answer.status() + " " + answer.headers().get("content-type") + " " + preview(answer.body());
        List<String> failures = new ArrayList<>();
        if (answer.status() >= 500) {
            failures.add("5xx: " + what);
        } else if (answer.status() == 400 && answer.body().length == 0 && notHttp(request)) {
            // A control byte in a header field is not HTTP: the HTTP codec refuses it before any app code runs.
            return failures;
        } else if ("HEAD".equals(request.method())) {
            // A HEAD answer has no body; its headers must still announce a problem.
            if (answer.status() >= 400 && !String.valueOf(answer.header("content-type")).startsWith(
                    "application/problem+json")) {
                failures.add("HEAD refusal not announced as a problem: " + what);
            }
        } else if (answer.status() >= 400) {
            String type = answer.header("content-type");
            JsonNode json = answer.json();
            if (type == null || !type.startsWith("application/problem+json") || json == null
                    || json.path("code").asText().isBlank()) {
                failures.add("not a problem with a code: " + what);
            }
        } else if (answer.status() != 204 && !"HEAD".equals(request.method()) && !"OPTIONS".equals(request.method())) {
            String type = answer.header("content-type");
            if (type == null || !(type.startsWith("application/json") || type.startsWith("application/x-ndjson"))) {
                failures.add("2xx that is not JSON: " + what);
            }
        }
        return failures;
    }

    private List<Spoiler> spoilers() {
        List<Spoiler> all = new ArrayList<>();
        all.add(new Spoiler("nul", r -> json(object(field(r), "x\u0000" + r.nextInt()))));
        all.add(new Spoiler("nul-in-name", r -> json("{\"" + field(r) + "\u0000\":1,\"inputs\":{\"a\\u0000\":1}}")));
        all.add(new Spoiler("invalid-utf8", r -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(utf8("{\"" + field(r) + "\":\"a"));
            byte[][] broken = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
            body.writeBytes(broken[r.nextInt(broken.length)]);
            body.writeBytes(utf8(r.nextBoolean() ? "\"}" : "\"")); // sometimes not even closed
            return new Request("application/json", body.toByteArray());
        }));
        all.add(new Spoiler("lone-surrogate", r -> json("{\"" + field(r) + "\":\"\\udc00\\ud800\"}")));
        all.add(new Spoiler("huge-number", r -> {
            String[] numbers = {"1e400", "-1e400", "12345678901234567890", "-99999999999999999999", "1e-400",
                    "9".repeat(400), "9".repeat(2000), "0.0000000000000000000001e999999999", "-0"};
            return json("{\"" + field(r) + "\":" + numbers[r.nextInt(numbers.length)]
                    + ",\"inputs\":{\"nodata\":" + numbers[r.nextInt(numbers.length)] + "}}");
        }));
        all.add(new Spoiler("deep-nesting", r -> {
            int depth = r.nextBoolean() ? 10_000 : 900 + r.nextInt(200);
            boolean arrays = r.nextBoolean();
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            return json("{\"" + field(r) + "\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}");
        }));
        all.add(new Spoiler("wrong-types", r -> {
            String[] values = {"true", "[]", "{}", "5", "\"s\"", "null", "-1", "1.5", "[[[]]]", "\"\"", "\"  \""};
            StringBuilder body = new StringBuilder("{");
            for (int i = 0; i < 6; i++) {
                body.append(i == 0 ? "" : ",").append('"').append(field(r)).append("\":")
                        .append(values[r.nextInt(values.length)]);
            }
            return json(body.append('}').toString());
        }));
        all.add(new Spoiler("hostile-uri", r -> {
            String uri = HOSTILE_URIS.get(r.nextInt(HOSTILE_URIS.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("process_id", r.nextBoolean() ? "clip" : "reproject");
            body.put("workspaceId", org.workspaceId);
            body.put("inputs", Map.of("image", uri, "aoi", Fixture.clipInputs().get("aoi")));
            body.put("job_id", uri);
            body.put("outputs", List.of(Map.of("name", "result", "href", uri, "media_type", "text/html")));
            return new Request("application/json", bytes(body));
        }));
        all.add(new Spoiler("empty-or-truncated", r -> {
            String[] bodies = {"", " ", "\n", "{", "{\"", "{\"job_id\"", "{\"job_id\":", "nul", "[", "\"", "{}}",
                    "{\"a\":1,}", "\uFEFF{}", "/*x*/{}", "{'job_id':'x'}", "NaN", "Infinity"};
            return json(bodies[r.nextInt(bodies.length)]);
        }));
        all.add(new Spoiler("content-type", r -> {
            String type = CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()));
            String[] bodies = {"<job_id>x</job_id>", "job_id=x&process_id=clip", "--x\r\n\r\n--x--", "{\"job_id\":\"x\"}"};
            byte[] body = type.contains("utf-16") ? "{\"job_id\":\"x\"}".getBytes(StandardCharsets.UTF_16)
                    : utf8(bodies[r.nextInt(bodies.length)]);
            return new Request(type, body);
        }));
        all.add(new Spoiler("random-bytes", r -> {
            byte[] body = new byte[1 + r.nextInt(512)];
            r.nextBytes(body);
            return new Request("application/json", body);
        }));
        all.add(new Spoiler("long-strings", r -> json(object(field(r), "x".repeat(100_000 + r.nextInt(500_000))))));
        all.add(new Spoiler("method", r -> new Request("application/json", utf8("{}"),
                METHODS.get(r.nextInt(METHODS.size())), Map.of())));
        all.add(new Spoiler("odd-headers", r -> {
            String[] keys = {"", " ", "k".repeat(300), "ключ", "k\u00e9", "\u007f", "a b"};
            String[] accepts = {"image/png", "*/*", "application/x-ndjson", "text/html;q=0.1", "application/json;;",
                    "garbage"};
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Idempotency-Key", keys[r.nextInt(keys.length)]);
            headers.put("Accept", accepts[r.nextInt(accepts.length)]);
            return new Request("application/json", utf8("{\"job_id\":\"job_x\"}"), "POST", headers);
        }));
        return all;
    }

    /** True when a header holds a byte RFC 9110 forbids in a field value (controls other than tab). */
    private static boolean notHttp(Request request) {
        return request.headers().values().stream().anyMatch(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f));
    }

    private static String field(Random r) {
        return FIELDS.get(r.nextInt(FIELDS.size()));
    }

    private static String object(String field, String value) {
        return "{\"" + field + "\":" + new String(bytes(value), StandardCharsets.UTF_8) + "}";
    }

    private static byte[] bytes(Object value) {
        try {
            return com.geopera.common.json.Json.mapper().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Request json(String body) {
        return new Request("application/json", utf8(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8).replace("\u0000", "\\0");
        return bytes.length > 160 ? text + "…(" + bytes.length + " bytes)" : text;
    }
}
