package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.contract.JobList;
import com.geopera.api.contract.ProjectJobList;
import com.geopera.api.mapping.JobJsonWriter;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.rest.CursorSigner;
import com.geopera.api.rest.Http;
import com.geopera.api.service.JobService;
import com.geopera.api.service.JobStreams;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobStore;
import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A streamed listing writes each job straight from its row ({@link JobJsonWriter}); its lines must be exactly the
 * JSON the pages and job.get answer for the same jobs, built through {@code Job} → {@code JobView} → the shared
 * mapper. Jobs of every kind are compared member by member and byte for byte, and a seeded listing row for row,
 * which also measures the CPU time of both paths (printed; {@code -Dgeopera.bench.ndjson.jobs=100000} for a larger
 * run).
 */
@QuarkusTest
class JobJsonWriterTest {
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    JobService jobs;
    @Inject
    JobStreams streams;
    @Inject
    PublicUrl publicUrl;
    @Inject
    CursorSigner cursors;

    @Test
    void a_streamed_line_is_the_json_of_the_same_job_in_a_page_and_in_job_get_member_by_member_and_byte_for_byte()
            throws Exception {
        Fixture org = Fixture.org(0);
        Response created = org.call("processing.create", org.clipBody());
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p",
                "workspace_id", org.workspaceId)).path("project_id");
        insertJobsOfEveryKind(org, projectId);

        for (boolean withInputs : List.of(false, true)) {
            Map<String, Object> body = withInputs ? Map.of("include", List.of("inputs"), "limit", 50) : Map.of();
            List<String> lines = lines(org, body);
            List<JsonNode> page = new ArrayList<>();
            Json.mapper().readTree(org.call("processing.jobs.list", body).asString()).path("jobs").forEach(page::add);
            assertThat(lines).as("one line per job, with inputs " + withInputs).hasSize(8).hasSameSizeAs(page);
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = Json.mapper().readTree(lines.get(i));
                String jobId = line.path("job_id").asText();
                assertSameMembers(line, page.get(i), jobId + " in the JSON page");
                if (withInputs) {
                    JsonNode got = Json.mapper().readTree(org.call("processing.job.get", Map.of("job_id", jobId))
                            .asString());
                    assertSameMembers(line, got, jobId + " from job.get");
                }
                Job job = jobs.get(new Caller(org.principalId, org.orgId, org.keyId, null, Set.of()), jobId);
                String expected = new String(Http.bytes(JobViews.listed(job, publicUrl.base(), withInputs)),
                        StandardCharsets.UTF_8);
                assertThat(lines.get(i)).as(jobId + " byte for byte").isEqualTo(expected);
            }
        }
    }

    @Test
    void a_json_page_is_the_mappers_job_list_byte_for_byte_first_offset_and_cursor_pages_with_total_and_inputs()
            throws Exception {
        Fixture org = Fixture.org(0);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p",
                "workspace_id", org.workspaceId)).path("project_id");
        insertJobsOfEveryKind(org, projectId);
        String base = publicUrl.base();

        for (boolean withInputs : List.of(false, true)) {
            for (boolean withTotal : List.of(false, true)) {
                List<String> include = new ArrayList<>();
                if (withInputs) {
                    include.add("inputs");
                }
                if (withTotal) {
                    include.add("total");
                }
                String what = "inputs " + withInputs + ", total " + withTotal;
                // The first page of 3, the offset page 2, then every cursor page to the end.
                JobQuery first = new JobQuery(org.orgId, null, null, null, null, List.of(), List.of(),
                        JobQuery.SortColumn.CREATED_AT, true, 3, 0, withInputs, withTotal, null);
                String cursor = assertPage(org, Map.of("limit", 3, "include", include), first, base, what + ", page 1");
                assertPage(org, Map.of("limit", 3, "page", 2, "include", include), new JobQuery(org.orgId, null, null,
                        null, null, List.of(), List.of(), JobQuery.SortColumn.CREATED_AT, true, 3, 3, withInputs,
                        withTotal, null),
                        base,
                        what + ", page 2");
                int pages = 1;
                while (cursor != null) {
                    JobQuery.After after = cursors.get().read(cursor, org.orgId, first).orElseThrow();
                    cursor = assertPage(org, Map.of("limit", 3, "cursor", cursor, "include", include),
                            first.continuedAfter(after), base, what + ", cursor page " + ++pages);
                }
                assertThat(pages).as("8 jobs in pages of 3").isEqualTo(3);
            }
        }

        // A project's page has its own members (project_id, offset) around the same jobs.
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", org.keyId));
        JobQuery projectQuery = new JobQuery(org.orgId, projectId, null, null, null, List.of(), null,
                JobQuery.SortColumn.CREATED_AT, true, 2, 0, false, true, null);
        Response answer = org.call("processing.project_jobs.list", Map.of("project_id", projectId, "limit", 2,
                "include", List.of("total")));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        JobStore.Page page = jobs.list(projectQuery);
        assertThat(page.jobs()).as("jobs of the project").isNotEmpty();
        assertThat(answer.asString()).isEqualTo(new String(Http.bytes(new ProjectJobList(
                page.jobs().stream().map(j -> JobViews.listed(j, base, false)).toList(), projectId, 0, 2,
                page.total(), page.hasMore(), page.next() == null ? null
                        : cursors.get().write(org.orgId, projectQuery, page.next()))), StandardCharsets.UTF_8));
    }

    /**
     * Asks the page over HTTP and checks it is, byte for byte, the {@link JobList} the object path makes of the same
     * query (jobs read as {@code Job}s, each a {@code JobView}, serialized by the mapper). Returns its next cursor.
     */
    private String assertPage(Fixture org, Map<String, Object> body, JobQuery query, String base, String what)
            throws Exception {
        Response answer = org.call("processing.jobs.list", body);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        JobStore.Page page = jobs.list(query);
        String nextCursor = page.next() == null ? null : cursors.get().write(org.orgId, query, page.next());
        JobList expected = new JobList(page.jobs().stream()
                .map(j -> JobViews.listed(j, base, query.includeInputs())).toList(),
                query.after() == null ? query.offset() / query.limit() + 1 : null, "-created_at", query.limit(),
                page.total(), page.hasMore(), nextCursor);
        assertThat(answer.asString()).as(what).isEqualTo(new String(Http.bytes(expected), StandardCharsets.UTF_8));
        assertThat(Json.mapper().readTree(answer.asString()).path("jobs")).as(what).isNotEmpty();
        return nextCursor;
    }

    @Test
    void a_seeded_listing_streams_the_bytes_of_the_json_pages_row_for_row_in_less_cpu() throws Exception {
        int count = Integer.getInteger("geopera.bench.ndjson.jobs", 20_000);
        String orgId = "org_ndjson_" + System.nanoTime();
        seed(orgId, count);
        JobQuery query = new JobQuery(orgId, null, null, null, null, null, null, JobQuery.SortColumn.CREATED_AT, true,
                1000, 0, false, false, null);
        String base = publicUrl.base();

        // Each path in turn, three rounds: the first warms the JIT, the least CPU of the others is reported.
        Measured pages = null;
        Measured streamed = null;
        for (int round = 0; round < 3; round++) {
            pages = least(round == 1 ? null : pages, measure(() -> pageBytes(query, base)));
            streamed = least(round == 1 ? null : streamed, measure(() -> streamBytes(query, base)));
        }
        assertThat(streamed.lines).as("every job of the org").isEqualTo(
                SeededJobs.strings(dataSource, "SELECT job_id FROM jobs WHERE org_id = ?", orgId).size());
        assertThat(streamed.text).as("the streamed listing, row for row").isEqualTo(pages.text);
        System.out.printf("NDJSON of %,d jobs, one thread: pages path (Job, JobView, mapper) %,d ms CPU / %,d ms wall"
                        + " = %,.0f jobs/s of CPU; streamed path (JobJsonWriter) %,d ms CPU / %,d ms wall = %,.0f jobs/s"
                        + " of CPU; per 100,000 jobs: %,d ms against %,d ms of CPU%n", count, pages.cpuMs, pages.wallMs,
                count * 1000.0 / Math.max(1, pages.cpuMs), streamed.cpuMs, streamed.wallMs,
                count * 1000.0 / Math.max(1, streamed.cpuMs), streamed.cpuMs * 100_000L / count,
                pages.cpuMs * 100_000L / count);
    }

    /** The listing through the JSON pages' path: a page of Jobs, each a JobView serialized by the mapper. */
    private String pageBytes(JobQuery first, String base) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobQuery next = first;
        while (next != null) {
            JobStore.Page page = jobs.list(next);
            for (Job job : page.jobs()) {
                if (out.size() > 0) {
                    out.write('\n');
                }
                out.write(Http.bytes(JobViews.listed(job, base, false)));
            }
            next = page.hasMore() ? next.continuedAfter(page.next()) : null;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The listing as the stream sends it (its chunks, joined by the line breaks the HTTP layer adds). */
    private String streamBytes(JobQuery query, String base) {
        JobStreams.Chunks chunks = streams.chunks(query, Integer.MAX_VALUE, new JobJsonWriter(base)::write);
        StringBuilder text = new StringBuilder();
        for (byte[] chunk = chunks.next(); chunk.length > 0; chunk = chunks.next()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private record Measured(String text, long lines, long cpuMs, long wallMs) {
    }

    @FunctionalInterface
    private interface Listing {
        String text() throws Exception;
    }

    private static Measured least(Measured best, Measured next) {
        return best == null || next.cpuMs < best.cpuMs ? next : best;
    }

    private static Measured measure(Listing listing) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        String text = listing.text();
        long cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        long wallMs = (System.nanoTime() - wall) / 1_000_000;
        return new Measured(text, text.isEmpty() ? 0 : text.chars().filter(c -> c == '\n').count() + 1, cpuMs, wallMs);
    }

    /** Every member of {@code expected} in {@code line} with the same value, and no other member. */
    private static void assertSameMembers(JsonNode line, JsonNode expected, String what) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        List<String> expectedNames = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedNames::add);
        assertThat(names).as(what + ": members in order").isEqualTo(expectedNames);
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            assertThat(line.get(field.getKey())).as(what + ": " + field.getKey()).isEqualTo(field.getValue());
        }
    }

    private static List<String> lines(Fixture org, Map<String, Object> body) {
        Response response = given().header("Authorization", "Bearer " + org.apiKey).accept(NDJSON)
                .contentType(ContentType.JSON).body(body).post("/v1/op/processing.jobs.list");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        String text = response.asString();
        assertThat(text).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /**
     * Seven jobs besides the real one, covering what a job row can hold: a running job whose liveness row is ahead
     * of it, failures with and without a message (escapes, non-ASCII, control characters), served, external and
     * odd outputs, deleted outputs, settled credits, timestamps of whole seconds, milliseconds, microseconds and
     * nanoseconds rounded to microseconds by PostgreSQL, and inputs with decimals, exponents, large integers and nesting.
     */
    private void insertJobsOfEveryKind(Fixture org, String projectId) throws Exception {
        Instant t = Instant.parse("2026-11-30T08:15:30Z");
        String outputs = """
                [{"name": "result", "href": "file:///data/%s/result.tif", "media_type": "image/tiff",
                  "size_bytes": 123456789012, "metadata": {"bbox": [5.9, 49.6, 6.2, 49.9], "crs": "EPSG:4326",
                  "minzoom": 8, "maxzoom": 14, "bands": [{"name": "b1", "nodata": -9999.5}]}},
                 {"name": "copy", "href": "HTTPS://bucket.example/x y.tif", "size_bytes": "77"},
                 {"name": "odd", "metadata": null}, {"href": "file:///elsewhere"}]""";
        String inputs = """
                {"image": "file:///data/ünï \\"quoted\\".tif", "scale": 1.50, "tiny": 1e-7, "big": 12345678901234567890,
                 "huge": 1.5e300, "neg": -0.0, "list": [1, 2.25, [true, false, null], {}], "text": "tab\\tline\\n"}""";
        try (Connection c = dataSource.getConnection()) {
            insert(c, org, "job_w_running", null, "running", "{}", null, 40, 1, "wkr-1", t, t.plusMillis(250),
                    t.plusSeconds(1), null, t.plusNanos(123_456_000), null, null, null, null, "reserved", 10, 10, 0, 0);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_liveness (job_id, attempt, progress, "
                    + "heartbeat_at) VALUES (?, 1, 70, ?)")) {
                s.setString(1, "job_w_running_" + org.orgId);
                // Ahead of the reaper's heartbeat timeout for the whole test, microseconds and all.
                s.setObject(2, Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).plusNanos(1_000)
                        .atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
            insert(c, org, "job_w_failed", projectId, "failed", inputs, "Title – ✓ \"q\" \\ \u0001", 100, 3, "wkr-2",
                    t.plusSeconds(2), t.plusSeconds(3), t.plusSeconds(2), t.plusSeconds(3), null, "invalid_inputs",
                    "aoi \"outside\"\nthe image ünïcode", null, null, "released", 7, 0, 0, 7);
            insert(c, org, "job_w_nomessage", null, "failed", "{}", null, 0, 1, null, t.plusSeconds(4),
                    t.plusSeconds(4), null, t.plusSeconds(4), null, "attempts_exhausted", null, null, null, "released",
                    0, 0, 0, 0);
            insert(c, org, "job_w_succeeded", projectId, "succeeded", inputs, "ok", 100, 1, "wkr-3",
                    t.plusSeconds(5), t.plusSeconds(6), t.plusSeconds(5), t.plusNanos(6_000_000_001L),
                    t.plusSeconds(6), null, null, outputs.formatted(org.orgId), null, "settled", 12, 0, 12, 0);
            insert(c, org, "job_w_deleted", null, "succeeded", "{}", null, 100, 2, null, t.plusSeconds(7),
                    t.plusSeconds(8), t.plusSeconds(7), t.plusSeconds(8), null, null, null, "[]", t.plusSeconds(9),
                    "settled", 3, 0, 3, 0);
            insert(c, org, "job_w_cancelled", null, "cancelled", "{\"a\": []}", "", 0, 0, null,
                    t.plusMillis(9_500), t.plusSeconds(10), null, t.plusSeconds(10), null, null,
                    null, null, null, "none", 0, 0, 0, 0);
            insert(c, org, "job_w_queued", projectId, "queued", "{\"n\": 1}", null, 0, 1, null, t.plusSeconds(11),
                    t.plusSeconds(11), null, null, null, null, null, null, null, "reserved", 5, 5, 0, 0);
        }
    }

    private static void insert(Connection c, Fixture org, String prefix, String projectId, String status, String inputs,
            String title, int progress, int attempt, String workerId, Instant created, Instant updated,
            Instant started, Instant finished, Instant heartbeat, String errorCode, String errorMessage,
            String outputs, Instant outputsDeleted, String billing, long estimated, long reserved, long charged,
            long released) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (job_id, org_id, workspace_id, project_id, "
                + "principal_id, process_id, process_version, job_type, queue, title, inputs, status, progress, attempt,"
                + " worker_id, created_at, updated_at, started_at, finished_at, heartbeat_at, error_code, error_message,"
                + " outputs, outputs_deleted_at, billing_status, estimated_credits, reserved_credits, charged_credits,"
                + " released_credits) VALUES (?, ?, ?, ?, 'prn_test', 'clip', '1.0.0', 'clip', 'clip', ?, "
                + "CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            s.setString(i++, prefix + "_" + org.orgId);
            s.setString(i++, org.orgId);
            s.setString(i++, org.workspaceId);
            s.setString(i++, projectId);
            s.setString(i++, title);
            s.setString(i++, inputs);
            s.setString(i++, status);
            s.setInt(i++, progress);
            s.setInt(i++, attempt);
            s.setString(i++, workerId);
            for (Instant time : new Instant[] {created, updated, started, finished, heartbeat}) {
                s.setObject(i++, time == null ? null : time.atOffset(ZoneOffset.UTC));
            }
            s.setString(i++, errorCode);
            s.setString(i++, errorMessage);
            s.setString(i++, outputs);
            s.setObject(i++, outputsDeleted == null ? null : outputsDeleted.atOffset(ZoneOffset.UTC));
            s.setString(i++, billing);
            s.setLong(i++, estimated);
            s.setLong(i++, reserved);
            s.setLong(i++, charged);
            s.setLong(i++, released);
            s.executeUpdate();
        }
    }

    /**
     * api/bench's seeded jobs, a third of the succeeded ones with a served output and its metadata as a real clip
     * registers it (the seed itself leaves outputs empty), and running ones with a liveness row ahead of them.
     */
    private void seed(String orgId, int count) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SeededJobs.seed(c, orgId, count);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE jobs SET outputs = jsonb_build_array(jsonb_build_object('name', 'result', 'href', "
                        + "'file:///data/' || job_id || '/result.tif', 'media_type', 'image/tiff', 'size_bytes', 48213, "
                        + "'metadata', '{\"bbox\": [5.9, 49.6, 6.2, 49.9], \"crs\": \"EPSG:4326\", \"minzoom\": 8, "
                        + "\"maxzoom\": 14}'::jsonb)), billing_status = 'settled', charged_credits = 10 "
                        + "WHERE org_id = '" + orgId + "' AND status = 'succeeded' AND right(job_id, 1) IN ('1', '4', '7')");
                s.execute("INSERT INTO job_liveness (job_id, attempt, progress, heartbeat_at) SELECT job_id, attempt, "
                        + "75, now() + interval '1 hour' FROM jobs WHERE org_id = '" + orgId
                        + "' AND status = 'running'");
                s.execute("DELETE FROM jobs WHERE org_id = '" + orgId + "' AND status IN ('created', 'queued')");
            }
            c.commit();
        }
    }
}
