package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workspaces and projects are checked against the caller's org on every job, also once their owner is kept. */
@QuarkusTest
class OwningOrgsTest {
    @Test
    void a_workspace_and_project_another_org_just_used_stay_unknown_to_this_org_and_nothing_is_stored() {
        Fixture owner = Fixture.org(100_000);
        Fixture other = Fixture.org(100_000);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", owner.orgId, "name", "p",
                "workspace_id", owner.workspaceId)).path("project_id");
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", owner.keyId));
        Map<String, Object> inProject = Map.of("process_id", "clip", "workspaceId", owner.workspaceId,
                "project_id", projectId, "inputs", Fixture.clipInputs());
        for (int i = 0; i < 2; i++) {
            Response accepted = owner.call("processing.execute", inProject);
            assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(201);
            assertThat(accepted.<String>path("project_id")).isEqualTo(projectId);
        }
        long creditsBefore = Fixture.admin("admin.credits.balance", Map.of("org_id", other.orgId))
                .<Number>path("available").longValue();

        for (String operation : List.of("processing.execute", "processing.create", "processing.create_and_dispatch")) {
            Response refused = other.call(operation, inProject);
            assertThat(refused.statusCode()).as(operation + " " + refused.asString()).isEqualTo(422);
            assertThat(refused.<List<String>>path("errors.code")).as(operation)
                    .containsExactlyInAnyOrder("unknown_workspace", "unknown_project");
            assertThat(refused.<List<String>>path("errors.pointer")).as(operation)
                    .containsExactlyInAnyOrder("/workspaceId", "/project_id");
        }
        assertThat(other.call("processing.jobs.list", Map.of()).<List<String>>path("jobs.job_id")).isEmpty();
        assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", other.orgId))
                .<Number>path("available").longValue()).isEqualTo(creditsBefore);
        Response listed = other.call("processing.project_jobs.list", Map.of("project_id", projectId));
        assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(404);
    }
}
