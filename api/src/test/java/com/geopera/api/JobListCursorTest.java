package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of jobs.list and project_jobs.list: an opaque signed cursor, stable under inserts, bound to its org,
 * sort and filters; the total counted only when asked.
 */
@QuarkusTest
class JobListCursorTest {
    private static final int JOBS = 7;
    private static final int PAGE = 3;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void cursor_pages_visit_every_job_exactly_once_while_jobs_are_inserted() {
        for (String sort : List.of("-created_at", "created_at", "status", "-process_id", "finished_at",
                "-finished_at", "-updated_at")) {
            Fixture org = Fixture.org(0);
            List<String> before = create(org, JOBS);
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> body = new HashMap<>(Map.of("limit", PAGE, "sort", sort));
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                Response page = org.call("processing.jobs.list", body);
                assertThat(page.statusCode()).as(sort + ": " + page.asString()).isEqualTo(200);
                seen.addAll(page.path("jobs.job_id"));
                cursor = page.path("next_cursor");
                assertThat(page.<Boolean>path("has_more")).as(sort).isEqualTo(cursor != null);
                if (pages++ == 0) {
                    // Jobs created between pages: the pages already read must not shift under the reader.
                    create(org, 2);
                }
            } while (cursor != null && pages < 20);
            assertThat(seen).as(sort + ": no job twice").doesNotHaveDuplicates();
            assertThat(seen).as(sort + ": every job that existed at the start").containsAll(before);
        }
    }

    @Test
    void cursor_pages_visit_every_job_exactly_once_while_another_thread_inserts_jobs_among_them() throws Exception {
        Fixture org = Fixture.org(0);
        SeededJobs.seedFinished(dataSource, org.orgId, 1_500);
        List<String> before = SeededJobs.strings(dataSource, "SELECT job_id FROM jobs WHERE org_id = ?", org.orgId);
        AtomicInteger inserted = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        // Jobs come in through the api (newest, like every real create) and straight into the table at random
        // places of the listing, half of them with the created_at of a job already there (ties broken by job id).
        Thread inserter = new Thread(() -> {
            try (Connection c = dataSource.getConnection()) {
                while (reading.get()) {
                    Response created = org.call("processing.create", org.clipBody());
                    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
                    inserted.incrementAndGet();
                    for (int i = 0; i < 5 && reading.get(); i++) {
                        insertAmong(c, org.orgId, "job_ins_" + inserted.get() + "_" + i, i % 2 == 0);
                        inserted.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "concurrent-inserter");
        AtomicReference<Throwable> inserterFailure = new AtomicReference<>();
        inserter.setUncaughtExceptionHandler((thread, e) -> inserterFailure.set(e));
        inserter.start();

        List<JsonNode> seen = new ArrayList<>();
        int insertedAtStart;
        int insertedAtEnd;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> inserted.get() > 0 || inserterFailure.get() != null);
            insertedAtStart = inserted.get();
            String cursor = null;
            do {
                Map<String, Object> body = new HashMap<>(Map.of("limit", 25));
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                Response page = org.call("processing.jobs.list", body);
                assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
                Json.mapper().readTree(page.asString()).path("jobs").forEach(seen::add);
                cursor = page.path("next_cursor");
            } while (cursor != null);
            insertedAtEnd = inserted.get();
        } finally {
            reading.set(false);
            inserter.join(60_000);
        }
        assertThat(inserterFailure.get()).as("the inserter ran without failing").isNull();
        assertThat(insertedAtEnd - insertedAtStart).as("jobs inserted while the pages were read").isPositive();
        List<String> ids = seen.stream().map(job -> job.path("job_id").asText()).toList();
        assertThat(ids).as("no job twice").doesNotHaveDuplicates();
        assertThat(ids).as("every job that existed before the first page").containsAll(before);
        for (int i = 1; i < seen.size(); i++) {
            // Ties are broken by job id in the database's collation, which the test does not assume.
            assertThat(Instant.parse(seen.get(i).path("created_at").asText()))
                    .as("newest first: " + seen.get(i - 1) + " then " + seen.get(i))
                    .isBeforeOrEqualTo(Instant.parse(seen.get(i - 1).path("created_at").asText()));
        }
    }

    @Test
    void project_job_cursor_pages_visit_every_job_exactly_once() {
        Fixture org = Fixture.org(0);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p",
                "workspace_id", org.workspaceId)).path("project_id");
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", org.keyId));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(org.call("processing.create", Map.of("process_id", "clip", "workspaceId", org.workspaceId,
                    "project_id", projectId, "inputs", Fixture.clipInputs())).path("job_id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> body = new HashMap<>(Map.of("project_id", projectId, "limit", 2));
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            Response page = org.call("processing.project_jobs.list", body);
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            seen.addAll(page.path("jobs.job_id"));
            cursor = page.path("next_cursor");
        } while (cursor != null && seen.size() <= created.size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void a_tampered_cursor_is_a_422_problem() {
        Fixture org = Fixture.org(0);
        create(org, 3);
        String cursor = org.call("processing.jobs.list", Map.of("limit", 1)).path("next_cursor");
        String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"i\":\"", "\"i\":\"z").getBytes()) + cursor.substring(cursor.indexOf('.'));
        for (String bad : List.of(forged, cursor + "x", "not a cursor", cursor.substring(0, cursor.indexOf('.')))) {
            Response refused = org.call("processing.jobs.list", Map.of("limit", 1, "cursor", bad));
            assertThat(refused.statusCode()).as(bad + ": " + refused.asString()).isEqualTo(422);
            assertThat(refused.<String>path("code")).isEqualTo("validation_failed");
            assertThat(refused.<List<String>>path("errors.pointer")).containsExactly("/cursor");
            assertThat(refused.<List<String>>path("errors.code")).containsExactly("invalid_cursor");
        }
    }

    @Test
    void another_orgs_cursor_gives_nothing_of_theirs() {
        Fixture theirs = Fixture.org(0);
        create(theirs, 3);
        String cursor = theirs.call("processing.jobs.list", Map.of("limit", 1)).path("next_cursor");
        Fixture mine = Fixture.org(0);
        create(mine, 3);
        Response refused = mine.call("processing.jobs.list", Map.of("limit", 1, "cursor", cursor));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.<List<String>>path("errors.code")).containsExactly("invalid_cursor");
        assertThat(refused.asString()).doesNotContain(theirs.orgId);
    }

    @Test
    void a_cursor_is_refused_for_another_sort_or_filter_and_with_a_page() {
        Fixture org = Fixture.org(0);
        create(org, 3);
        String cursor = org.call("processing.jobs.list", Map.of("limit", 1, "sort", "-created_at")).path("next_cursor");
        assertThat(org.call("processing.jobs.list", Map.of("limit", 1, "sort", "created_at", "cursor", cursor))
                .<List<String>>path("errors.pointer")).containsExactly("/cursor");
        assertThat(org.call("processing.jobs.list", Map.of("limit", 1, "status", "created", "cursor", cursor))
                .<List<String>>path("errors.pointer")).containsExactly("/cursor");
        Response both = org.call("processing.jobs.list", Map.of("limit", 1, "page", 2, "cursor", cursor));
        assertThat(both.statusCode()).isEqualTo(422);
        assertThat(both.<List<String>>path("errors.pointer")).containsExactly("/page");
        // Page size may change from page to page.
        assertThat(org.call("processing.jobs.list", Map.of("limit", 2, "cursor", cursor)).<List<String>>path("jobs"))
                .hasSize(2);
    }

    @Test
    void the_total_is_counted_only_when_asked() {
        Fixture org = Fixture.org(0);
        create(org, 3);
        Response plain = org.call("processing.jobs.list", Map.of("limit", 2));
        assertThat(plain.jsonPath().getMap("$")).doesNotContainKey("total");
        assertThat(plain.<Boolean>path("has_more")).isTrue();
        Response counted = org.call("processing.jobs.list", Map.of("limit", 2, "include", List.of("total")));
        assertThat(counted.<Integer>path("total")).isEqualTo(3);
        assertThat(counted.<List<Object>>path("jobs")).hasSize(2);
    }

    /** A finished job copied from a random one of the org, at its creation time ({@code tie}) or a microsecond on. */
    private static void insertAmong(Connection c, String orgId, String jobId, boolean tie) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (job_id, org_id, workspace_id, project_id, "
                + "principal_id, process_id, process_version, job_type, queue, inputs, status, progress, attempt, "
                + "created_at, updated_at, finished_at) SELECT ?, org_id, workspace_id, project_id, principal_id, "
                + "process_id, process_version, job_type, queue, inputs, 'succeeded', 100, 1, created_at + ? * "
                + "interval '1 microsecond', updated_at, finished_at FROM jobs WHERE org_id = ? "
                + "AND job_id NOT LIKE 'job_ins_%' ORDER BY random() LIMIT 1")) {
            s.setString(1, jobId);
            s.setInt(2, tie ? 0 : 1);
            s.setString(3, orgId);
            s.executeUpdate();
        }
    }

    private static List<String> create(Fixture org, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Response created = org.call("processing.create", org.clipBody());
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            ids.add(created.path("job_id"));
        }
        return ids;
    }
}
