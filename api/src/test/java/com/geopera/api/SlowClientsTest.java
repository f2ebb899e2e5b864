package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.rest.BodyLimit;
import com.geopera.common.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients that send request headers and then nothing hold bounded memory and time: no buffer is sized from a declared
 * Content-Length, and a body that does not follow within geopera.jobs.body-read-timeout (10 s in tests) gets 408.
 * The api runs in this JVM, so its memory is this process's (retained heap after a collection, and VmRSS).
 */
@QuarkusTest
class SlowClientsTest {
    private static final int SIEGE_CONNECTIONS = 1_000;
    /** What each siege connection declares: under the 1 MiB body limit, so the server waits for the body. */
    private static final int DECLARED_BYTES = 1_000_000;
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;
    @Inject
    BodyLimit bodyLimit;

    @Test
    void a_declared_body_that_never_arrives_gets_408_and_the_connection_is_closed() throws Exception {
        try (Socket socket = headersOnly("processing.jobs.list", 100)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("code").asText()).isEqualTo("request_timeout");
            assertThat(problem.path("status").asInt()).isEqualTo(408);
        }
    }

    @Test
    void a_thousand_idle_header_only_connections_do_not_stop_job_get() throws Exception {
        Fixture org = Fixture.org(0);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");
        long heapBefore = retainedHeapBytes();
        long rssBefore = rssBytes();

        List<Socket> siege = new ArrayList<>(SIEGE_CONNECTIONS);
        try {
            for (int i = 0; i < SIEGE_CONNECTIONS; i++) {
                siege.add(headersOnly("processing.execute", DECLARED_BYTES));
            }
            // Every connection's headers were read and the server waits for its body.
            await().atMost(WAIT).until(() -> bodyLimit.bodiesReading() >= SIEGE_CONNECTIONS);
            long heapDuring = retainedHeapBytes();
            long rssDuring = rssBytes();
            for (int i = 0; i < 20; i++) {
                assertJobGetAnswers(org, jobId);
            }
            System.out.printf("siege of %d header-only connections: retained heap %d → %d MiB, VmRSS %d → %d MiB%n",
                    SIEGE_CONNECTIONS, heapBefore / MIB, heapDuring / MIB, rssBefore / MIB, rssDuring / MIB);
            // Sized from the declared length, the buffers alone were 1,000 × 1 MB held until the bodies came.
            assertThat(heapDuring - heapBefore).as("heap retained by the siege").isLessThan(128 * MIB);
            assertThat(rssDuring - rssBefore).as("resident memory added by the siege").isLessThan(512 * MIB);
            assertThat(bodyLimit.bufferedBytes()).as("body bytes buffered").isZero();
        } finally {
            for (Socket socket : siege) {
                socket.close();
            }
        }
        await().atMost(WAIT).until(() -> bodyLimit.bodiesReading() == 0);
        assertJobGetAnswers(org, jobId);
    }

    private static void assertJobGetAnswers(Fixture org, String jobId) {
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(200);
        assertThat(job.<String>path("job_id")).isEqualTo(jobId);
        assertThat(job.<String>path("status")).isEqualTo("created");
    }

    /** A connection that sent a POST's headers, declaring {@code declared} body bytes, and no body (no token either). */
    private Socket headersOnly(String operation, int declared) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        String head = "POST /v1/op/" + operation + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** Heap still in use after a full collection: what the live connections hold. */
    private static long retainedHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
