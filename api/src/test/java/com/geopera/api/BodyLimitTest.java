package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bodies over the limit, whatever their framing, are 413 {@code payload_too_large} problem documents, sent through a
 * real HTTP client (java.net.http): with Content-Length and chunked without it; {@code Expect: 100-continue} on a plain
 * socket (the JDK 17 client waits forever when the answer to it is not 100).
 */
@QuarkusTest
class BodyLimitTest {
    /** Far above both limits (geopera.jobs.max-body-bytes 1 MiB, quarkus.http.limits.max-body-size 16 MiB). */
    private static final long HUGE_BYTES = 64L * 1024 * 1024;
    /**
     * Over geopera.jobs.max-body-bytes but within what the server reads and drops after refusing
     * ({@code BodyLimit.DISCARD_BYTES}), so the server closes only after the whole body: a close while the client
     * still sends resets the connection, and a JDK client that had not read the 413 yet then sees no answer at all
     * (a fresh-clone CI run hit it once in ~25 operations × 64 MiB). Declared lengths far above every limit are
     * covered on a plain socket below.
     */
    private static final long OVER_LIMIT_BYTES = 3L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private HttpRequest.Builder post(String operation, String token) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve("/v1/op/" + operation)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("payload_too_large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
    }

    /** A JSON-looking body of {@code size} bytes made on the fly (nothing this size is held in memory). */
    private static InputStream generated(long size, AtomicLong sent) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(into, offset, offset + n, (byte) ' ');
                if (left == size && n > 0) {
                    into[offset] = '{';
                }
                left -= n;
                sent.addAndGet(n);
                return n;
            }
        };
    }

    /** A body of known length, sent lazily; the publisher tells the client its Content-Length. */
    private static BodyPublisher ofLength(long size, AtomicLong sent) {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> generated(size, sent)), size);
    }

    @Test
    void a_body_over_the_limit_with_content_length_is_a_413_problem_on_every_operation() throws Exception {
        Fixture org = Fixture.org(0);
        for (String operation : AuthMatrixTest.SCOPES.keySet()) {
            String token = AuthMatrixTest.tokenFor(org, operation);
            AtomicLong sent = new AtomicLong();
            HttpResponse<String> response = client.send(post(operation, token).POST(ofLength(OVER_LIMIT_BYTES, sent))
                    .build(), BodyHandlers.ofString());
            assertPayloadTooLarge(response);
            assertThat(response.headers().firstValue("Connection")).as(operation).hasValue("close");
        }
    }

    /**
     * On a plain socket with the answer read while another thread still sends: the server answers after the first
     * MiB, drops at most {@code BodyLimit.DISCARD_BYTES} more and closes, so the sender cannot get 64 MiB through.
     */
    @Test
    void a_huge_chunked_body_without_content_length_is_a_413_problem_and_is_not_read_to_its_end() throws Exception {
        Fixture org = Fixture.org(0);
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String head = executeHead(org.apiKey, "Transfer-Encoding: chunked");
            byte[] chunk = (Integer.toHexString(65536) + "\r\n" + " ".repeat(65536) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            Thread sender = new Thread(() -> {
                try {
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    while (sent.get() < HUGE_BYTES) {
                        socket.getOutputStream().write(chunk);
                        sent.addAndGet(65536);
                    }
                    socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException closedByServer) {
                    // the server stopped reading: what the test expects
                }
            }, "huge-chunked-sender");
            sender.start();
            String answer = readUntilClosed(socket.getInputStream());
            sender.join(TIMEOUT.toMillis());

            assertThat(answer).startsWith("HTTP/1.1 413 ");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("code").asText()).isEqualTo("payload_too_large");
            assertThat(sent.get()).as("bytes the client managed to send").isLessThan(HUGE_BYTES);
        }
    }

    /** The request line and headers of a processing.execute whose body framing is {@code framing}. */
    private String executeHead(String apiKey, String framing) {
        return "POST /v1/op/processing.execute HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + apiKey + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
    }

    /** Everything the server sent until it closed, including when it closed with a reset after its answer. */
    private static String readUntilClosed(InputStream in) {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (java.io.IOException reset) {
            // a close while the sender still sends arrives as a reset; the answer was read before it
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /**
     * Spoken on a plain socket, so the test sees exactly what is on the wire: the headers promise a huge body and
     * ask for 100 Continue; the answer is the final 413 (no 100) and the connection is closed without the body.
     */
    @Test
    void with_expect_100_continue_a_declared_huge_body_is_refused_before_it_is_sent() throws Exception {
        Fixture org = Fixture.org(0);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String head = executeHead(org.apiKey, "Content-Length: " + HUGE_BYTES + "\r\nExpect: 100-continue");
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json")
                    .contains("connection: close");
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void with_expect_100_continue_a_chunked_body_gets_the_go_ahead_and_then_the_413_problem() throws Exception {
        Fixture org = Fixture.org(0);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String head = executeHead(org.apiKey, "Transfer-Encoding: chunked\r\nExpect: 100-continue");
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).startsWith("HTTP/1.1 100 ");
            assertThat(readLine(in)).isEmpty();
            // 2 MiB in 64 KiB chunks: over the limit after 1 MiB; the server answers and stops reading.
            byte[] chunk = (Integer.toHexString(65536) + "\r\n" + " ".repeat(65536) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 32; i++) {
                    socket.getOutputStream().write(chunk);
                }
                socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException closedByServer) {
                // the server may close before all of it is written: the answer is already on its way
            }
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 ");
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("code").asText()).isEqualTo("payload_too_large");
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Test
    void bodies_just_over_the_operation_limit_get_the_same_problem_whatever_their_framing() throws Exception {
        Fixture org = Fixture.org(0);
        String twoMebibytes = "{\"title\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> withLength = client.send(post("processing.create", org.apiKey)
                .POST(BodyPublishers.ofString(twoMebibytes)).build(), BodyHandlers.ofString());
        assertPayloadTooLarge(withLength);
        HttpResponse<String> chunked = client.send(post("processing.create", org.apiKey)
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        twoMebibytes.getBytes(StandardCharsets.UTF_8)))).build(), BodyHandlers.ofString());
        assertPayloadTooLarge(chunked);
    }

    @Test
    void chunked_bodies_within_the_limit_still_reach_the_operation() throws Exception {
        Fixture org = Fixture.org(100_000);
        String body = Json.mapper().writeValueAsString(org.clipBody());
        HttpResponse<String> created = client.send(post("processing.create", org.apiKey)
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        body.getBytes(StandardCharsets.UTF_8)))).build(), BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String jobId = Json.mapper().readTree(created.body()).path("job_id").asText();
        String get = Json.mapper().writeValueAsString(Map.of("job_id", jobId));
        HttpResponse<String> read = client.send(post("processing.job.get", org.apiKey).expectContinue(true)
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        get.getBytes(StandardCharsets.UTF_8)))).build(), BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(read.body()).path("job_id").asText()).isEqualTo(jobId);
    }

    @Test
    void bodies_sent_over_http2_reach_the_operation_and_a_declared_huge_one_is_refused() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        Fixture org = Fixture.org(100_000);
        String body = Json.mapper().writeValueAsString(org.clipBody());
        // the first request upgrades the connection (h2c); later ones run as HTTP/2 streams
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = http2.send(post("processing.create", org.apiKey)
                    .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        HttpResponse<String> huge = http2.send(post("processing.create", org.apiKey)
                .POST(BodyPublishers.ofString("x".repeat(2 * 1024 * 1024))).build(), BodyHandlers.ofString());
        assertPayloadTooLarge(huge);
    }
}
