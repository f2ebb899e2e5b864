package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.service.JobStreams;
import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listings asked for as NDJSON stream every matching job (not one page), in the listing's order, from the org's jobs
 * only, and a client that stops reading holds one of its org's few stream slots, not the api. Jobs are seeded with
 * api/bench's SQL (committed, only finished ones kept, so the reaper and the created-job expiry leave them alone).
 */
@QuarkusTest
class JobListStreamTest {
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    JobStreams streams;
    @TestHTTPResource("/")
    URL base;

    @Test
    void a_listing_of_n_jobs_streams_exactly_n_lines_in_its_order_and_nothing_of_another_org() throws Exception {
        Fixture mine = Fixture.org(0);
        Fixture theirs = Fixture.org(0);
        seed(mine.orgId, 5_000);
        seed(theirs.orgId, 2_000);
        String real = mine.call("processing.create", mine.clipBody()).path("job_id");

        List<String> expected = ids("SELECT job_id FROM jobs WHERE org_id = ? ORDER BY created_at DESC, job_id DESC",
                mine.orgId);
        assertThat(expected).hasSizeGreaterThan(3_000).contains(real);
        List<JsonNode> streamed = stream(mine, "processing.jobs.list", Map.of());
        assertThat(streamed).hasSize(expected.size());
        assertThat(streamed.stream().map(job -> job.path("job_id").asText()).toList())
                .as("every job once, newest first").containsExactlyElementsOf(expected);
        assertThat(streamed).allSatisfy(job -> {
            assertThat(job.path("org_id").asText()).isEqualTo(mine.orgId);
            assertThat(job.has("inputs")).isFalse();
        });

        List<JsonNode> failed = stream(mine, "processing.jobs.list", Map.of("status", "failed", "sort", "created_at"));
        List<String> expectedFailed = ids("SELECT job_id FROM jobs WHERE org_id = ? AND status = 'failed' "
                + "ORDER BY created_at, job_id", mine.orgId);
        assertThat(expectedFailed).isNotEmpty();
        assertThat(failed.stream().map(job -> job.path("job_id").asText()).toList())
                .containsExactlyElementsOf(expectedFailed);

        String project = mine.orgId + "_prj1";
        Fixture.admin("admin.projects.members.add", Map.of("project_id", project, "key_id", mine.keyId));
        List<JsonNode> projectJobs = stream(mine, "processing.project_jobs.list", Map.of("project_id", project));
        List<String> expectedProject = ids("SELECT job_id FROM jobs WHERE project_id = ? "
                + "ORDER BY created_at DESC, job_id DESC", project);
        assertThat(expectedProject).isNotEmpty();
        assertThat(projectJobs.stream().map(job -> job.path("job_id").asText()).toList())
                .containsExactlyElementsOf(expectedProject);

        // Their project is not a project of ours: 404 before anything streams, and nothing of theirs in any answer.
        Response foreign = given().header("Authorization", "Bearer " + mine.apiKey).accept(NDJSON)
                .contentType(ContentType.JSON).body(Map.of("project_id", theirs.orgId + "_prj1"))
                .post("/v1/op/processing.project_jobs.list");
        assertThat(foreign.statusCode()).as(foreign.asString()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(streamed.toString()).doesNotContain(theirs.orgId);
    }

    @Test
    void a_stream_starts_after_the_page_of_its_cursor_and_a_tampered_cursor_is_a_problem_before_any_line() throws Exception {
        Fixture org = Fixture.org(0);
        seed(org.orgId, 1_000);
        List<String> all = ids("SELECT job_id FROM jobs WHERE org_id = ? ORDER BY created_at DESC, job_id DESC",
                org.orgId);
        Response page = org.call("processing.jobs.list", Map.of("limit", 10));
        String cursor = page.path("next_cursor");
        List<JsonNode> rest = stream(org, "processing.jobs.list", Map.of("cursor", cursor));
        assertThat(rest.stream().map(job -> job.path("job_id").asText()).toList())
                .containsExactlyElementsOf(all.subList(10, all.size()));

        Response tampered = given().header("Authorization", "Bearer " + org.apiKey).accept(NDJSON)
                .contentType(ContentType.JSON).body(Map.of("cursor", cursor + "x")).post("/v1/op/processing.jobs.list");
        assertThat(tampered.statusCode()).isEqualTo(422);
        assertThat(tampered.contentType()).startsWith("application/problem+json");
        assertThat(tampered.<List<String>>path("errors.code")).containsExactly("invalid_cursor");
    }

    @Test
    void an_org_streams_at_most_two_listings_at_once_and_readers_that_stall_hold_up_no_other_request() throws Exception {
        Fixture slow = Fixture.org(0);
        Fixture other = Fixture.org(0);
        // Far more than the socket buffers between the api and a stalled reader hold (each line is ~700 bytes).
        seed(slow.orgId, 40_000);
        seed(other.orgId, 1_500);
        int otherJobs = ids("SELECT job_id FROM jobs WHERE org_id = ?", other.orgId).size();

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = stalledReader(slow);
                stalled.add(socket);
            }
            assertThat(streams.streaming(slow.orgId)).as("both stalled streams are still open").isEqualTo(2);

            Response third = given().header("Authorization", "Bearer " + slow.apiKey).accept(NDJSON)
                    .contentType(ContentType.JSON).body(Map.of()).post("/v1/op/processing.jobs.list");
            assertThat(third.statusCode()).as(third.asString()).isEqualTo(429);
            assertThat(third.contentType()).startsWith("application/problem+json");
            assertThat(third.<String>path("code")).isEqualTo("too_many_streams");
            assertThat(third.header("Retry-After")).isEqualTo("1");

            // Meanwhile another org streams its whole listing, and the slow org still gets JSON pages.
            assertThat(stream(other, "processing.jobs.list", Map.of())).hasSize(otherJobs);
            Response page = slow.call("processing.jobs.list", Map.of("limit", 5));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.<List<String>>path("jobs.job_id")).hasSize(5);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // A reader that goes away gives its slot back.
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.streaming(slow.orgId) == 0);
        Response again = given().header("Authorization", "Bearer " + slow.apiKey).accept(NDJSON)
                .contentType(ContentType.JSON).body(Map.of("limit", 5, "status", "cancelled"))
                .post("/v1/op/processing.jobs.list");
        assertThat(again.statusCode()).isEqualTo(200);
    }

    /** Sends an NDJSON listing request, reads the status line and the first line of jobs, then stops reading. */
    private Socket stalledReader(Fixture org) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.setSoTimeout(30_000);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/op/processing.jobs.list HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                + org.apiKey + "\r\nAccept: " + NDJSON + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("{\"job_id\"")) {
            int b = in.read();
            assertThat(b).as("the stream ended early: " + head).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    private static List<JsonNode> stream(Fixture org, String operation, Map<String, Object> body) throws Exception {
        Response response = given().header("Authorization", "Bearer " + org.apiKey).accept(NDJSON)
                .contentType(ContentType.JSON).body(body).post("/v1/op/" + operation);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(NDJSON);
        String text = response.asString();
        assertThat(text).as("every line ends with a line break").endsWith("\n");
        List<JsonNode> jobs = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                jobs.add(Json.mapper().readTree(line));
            }
        }
        assertThat(text.split("\n", -1)).as("no blank line").hasSize(jobs.size() + 1);
        return jobs;
    }

    private void seed(String orgId, int jobs) throws Exception {
        SeededJobs.seedFinished(dataSource, orgId, jobs);
    }

    private List<String> ids(String sql, String argument) throws Exception {
        return SeededJobs.strings(dataSource, sql, argument);
    }
}
