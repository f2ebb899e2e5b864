package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of jobs.list and project_jobs.list: an opaque signed cursor, stable under inserts, bound to its org,
 * sort and filters; the total counted only when asked.
 */
@QuarkusTest
class JobListCursorTest {
    private static final int JOBS = 7;
    private static final int PAGE = 3;

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
