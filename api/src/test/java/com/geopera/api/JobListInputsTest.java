package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * List pages (jobs.list, project_jobs.list, JSON and NDJSON) leave each job's inputs out unless asked with
 * {@code include: ["inputs"]}, and pages with inputs are smaller; job.get always carries them.
 */
@QuarkusTest
class JobListInputsTest {

    @Test
    void list_pages_leave_out_inputs_unless_asked() throws Exception {
        Fixture org = Fixture.org(0);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p",
                "workspace_id", org.workspaceId)).path("project_id");
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", org.keyId));
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response created = org.call("processing.create", Map.of("process_id", "clip", "workspaceId",
                    org.workspaceId, "project_id", projectId, "inputs", Fixture.clipInputs()));
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            jobIds.add(created.path("job_id"));
        }
        Map<String, Object> projectList = Map.of("project_id", projectId);
        Map<String, Object> projectListWithInputs = Map.of("project_id", projectId, "include", List.of("inputs"));

        for (String operation : List.of("processing.jobs.list", "processing.project_jobs.list")) {
            Map<String, Object> plain = operation.equals("processing.jobs.list") ? Map.of() : projectList;
            Map<String, Object> withInputs = operation.equals("processing.jobs.list")
                    ? Map.of("include", List.of("inputs")) : projectListWithInputs;

            List<JsonNode> listed = jobs(org, operation, plain, false);
            assertThat(listed).hasSize(2).allSatisfy(job -> {
                assertThat(job.has("inputs")).as(operation + " lists no inputs: " + job).isFalse();
                assertThat(job.path("status").asText()).isEqualTo("created");
            });
            assertThat(jobs(org, operation, plain, true)).as(operation + " as NDJSON").hasSize(2)
                    .allSatisfy(job -> assertThat(job.has("inputs")).isFalse());

            assertThat(jobs(org, operation, withInputs, false)).hasSize(2).allSatisfy(job ->
                    assertThat(job.path("inputs").path("image").asText()).as(operation).endsWith("elev.tif"));
            assertThat(jobs(org, operation, withInputs, true)).hasSize(2).allSatisfy(job ->
                    assertThat(job.path("inputs").path("image").asText()).endsWith("elev.tif"));
        }

        assertThat(org.call("processing.job.get", Map.of("job_id", jobIds.get(0))).<String>path("inputs.image"))
                .endsWith("elev.tif");
    }

    @Test
    void pages_with_inputs_are_limited_to_fifty_jobs_and_only_inputs_can_be_included() {
        Fixture org = Fixture.org(0);
        Response tooMany = org.call("processing.jobs.list", Map.of("include", List.of("inputs"), "limit", 500));
        assertThat(tooMany.statusCode()).as(tooMany.asString()).isEqualTo(422);
        assertThat(tooMany.<List<String>>path("errors.pointer")).containsExactly("/limit");
        assertThat(org.call("processing.jobs.list", Map.of("limit", 500)).statusCode()).isEqualTo(200);
        assertThat(org.call("processing.jobs.list", Map.of("include", List.of("inputs"), "limit", 50)).statusCode())
                .isEqualTo(200);

        Response unknown = org.call("processing.jobs.list", Map.of("include", List.of("outputs_secret")));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.<List<String>>path("errors.pointer")).containsExactly("/include");
    }

    private static List<JsonNode> jobs(Fixture org, String operation, Object body, boolean ndjson) throws Exception {
        Response response = given().header("Authorization", "Bearer " + org.apiKey).contentType(ContentType.JSON)
                .accept(ndjson ? "application/x-ndjson" : "application/json").body(body).post("/v1/op/" + operation);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<JsonNode> jobs = new ArrayList<>();
        if (ndjson) {
            for (String line : response.asString().split("\n")) {
                if (!line.isBlank()) {
                    jobs.add(Json.mapper().readTree(line));
                }
            }
        } else {
            Json.mapper().readTree(response.asString()).path("jobs").forEach(jobs::add);
        }
        return jobs;
    }
}
