package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operation answers on both URL forms: POST /v1/op/{operation_id} and POST /v1/{resource}/{action}. */
@QuarkusTest
@QuarkusTestResource(RealServers.class)
class OperationsTest {

    /** Writes a real raster where a worker would have put the job's output and returns its registration entry. */
    static Map<String, Object> workerOutput(Fixture org, String jobId, int attempt) throws Exception {
        Path dir = RealServers.storageRoot.resolve(org.orgId).resolve(jobId).resolve(String.valueOf(attempt));
        Files.createDirectories(dir);
        Path file = dir.resolve("result.tif");
        Files.copy(RealServers.samples.resolve("elev.tif"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // The metadata the imagery module really writes (the job was validated, so GDAL is registered).
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(
                com.geopera.imagery.raster.OutputMetadata.describe(file));
        metadata.put("process_id", "clip");
        return Map.of("name", "result", "href", file.toUri().toString(), "media_type",
                "image/tiff; application=geotiff; profile=cloud-optimized", "size_bytes", Files.size(file),
                "metadata", metadata);
    }

    @ParameterizedTest(name = "processing operations work on the {0} form")
    @ValueSource(strings = {"op", "resource"})
    void every_processing_operation_works_on_both_url_forms(String form) throws Exception {
        boolean resource = form.equals("resource");
        Fixture org = Fixture.org(100_000);

        Response list = given().post(Fixture.path("processing.catalog.list", resource));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.<List<String>>path("processes.id")).contains("clip");

        Response get = given().contentType(ContentType.JSON).body(Map.of("process_id", "clip"))
                .post(Fixture.path("processing.catalog.get", resource));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.<String>path("id")).isEqualTo("clip");

        Map<String, Object> run = Map.of("process_id", "clip", "inputs", Fixture.clipInputs());
        assertThat(org.call("processing.catalog.validate", run, resource).statusCode()).isEqualTo(204);
        Response estimate = org.call("processing.catalog.estimate", run, resource);
        assertThat(estimate.statusCode()).isEqualTo(200);
        assertThat(estimate.<Number>path("credits").longValue()).isPositive();
        assertThat(estimate.<String>path("expires_at")).isNotNull();

        Response types = org.call("processing.job_types.list", Map.of("category", "clip"), resource);
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.<List<String>>path("job_types.name")).containsExactly("clip");

        Response created = org.call("processing.create", org.clipBody(), resource);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.<String>path("status")).isEqualTo("created");
        assertThat(created.<String>path("billing.status")).isEqualTo("none");
        String createdId = created.path("job_id");

        Response dispatched = org.call("processing.dispatch", Map.of("job_id", createdId), resource);
        assertThat(dispatched.statusCode()).as(dispatched.asString()).isEqualTo(200);
        assertThat(dispatched.<String>path("status")).isEqualTo("queued");
        assertThat(dispatched.<String>path("billing.status")).isEqualTo("reserved");

        Response both = org.call("processing.create_and_dispatch", org.clipBody(), resource);
        assertThat(both.statusCode()).as(both.asString()).isEqualTo(201);
        assertThat(both.<String>path("status")).isEqualTo("queued");

        Response executed = org.call("processing.execute", org.clipBody(), resource);
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        assertThat(executed.<String>path("status")).isEqualTo("queued");
        assertThat(executed.<String>path("ogc_status")).isEqualTo("accepted");
        String jobId = executed.path("job_id");

        Response job = org.call("processing.job.get", Map.of("job_id", jobId), resource);
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(job.<String>path("process_id")).isEqualTo("clip");
        assertThat(job.<Integer>path("attempt")).isEqualTo(1);

        Response jobs = org.call("processing.jobs.list", Map.of("ids", createdId + "," + jobId, "sort", "-created_at", "include", "total"),
                resource);
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.<List<String>>path("jobs.job_id")).containsExactly(jobId, createdId);
        assertThat(jobs.<Integer>path("total")).isEqualTo(2);

        // A queued job is the platform worker's to register (a customer key gets 409 job_dispatched_to_worker).
        String platformWorker = Fixture.platformWorkerKey();
        Response registered = given().header("Authorization", "Bearer " + platformWorker).contentType(ContentType.JSON)
                .body(Map.of("job_id", jobId, "outputs", List.of(workerOutput(org, jobId, 1)),
                        "usage", Map.of("credits", 1)))
                .post(Fixture.path("processing.job.register", resource));
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        assertThat(registered.<String>path("status")).isEqualTo("succeeded");
        assertThat(registered.<String>path("billing.status")).isEqualTo("settled");
        assertThat(registered.<Integer>path("billing.charged_credits")).isEqualTo(1);
        assertThat(registered.<String>path("outputs[0].href")).endsWith("/v1/processing/jobs/" + jobId + "/outputs/result");

        Response tiles = org.call("processing.job.tile_info", Map.of("job_id", jobId), resource);
        assertThat(tiles.statusCode()).as(tiles.asString()).isEqualTo(200);
        assertThat(tiles.<List<String>>path("tiles").get(0))
                .contains("/v1/processing/jobs/" + jobId + "/tiles/{z}/{x}/{y}.png?token=");
        assertThat(tiles.<List<Float>>path("bounds")).hasSize(4);
        assertThat(tiles.<Integer>path("maxzoom")).isBetween(7, 9);
        assertThat(tiles.<Map<String, Object>>path("bands[0].statistics")).containsKeys("percentile_2", "percentile_98");

        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p",
                "workspace_id", org.workspaceId)).path("project_id");
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", org.keyId));
        Response inProject = org.call("processing.create", Map.of("process_id", "clip", "workspaceId", org.workspaceId,
                "project_id", projectId, "inputs", Fixture.clipInputs()), resource);
        assertThat(inProject.statusCode()).isEqualTo(201);
        Response projectJob = org.call("processing.project_job.get", Map.of("job_id", inProject.path("job_id")), resource);
        assertThat(projectJob.statusCode()).isEqualTo(200);
        assertThat(projectJob.<String>path("project_id")).isEqualTo(projectId);
        Response projectJobs = org.call("processing.project_jobs.list", Map.of("project_id", projectId), resource);
        assertThat(projectJobs.statusCode()).isEqualTo(200);
        assertThat(projectJobs.<List<String>>path("jobs.job_id")).containsExactly((String) inProject.path("job_id"));

        Response deleted = org.call("processing.job.delete", Map.of("job_id", createdId), resource);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.<String>path("status")).isEqualTo("cancelled");
        assertThat(deleted.<String>path("billing.status")).isEqualTo("released");
    }

    @ParameterizedTest(name = "admin and auth operations work on the {0} form")
    @ValueSource(strings = {"op", "resource"})
    void every_admin_and_auth_operation_works_on_both_url_forms(String form) {
        boolean resource = form.equals("resource");
        String orgId = admin("admin.orgs.create", Map.of("name", "acme"), resource, 201).path("org_id");
        String workspaceId = admin("admin.workspaces.create", Map.of("org_id", orgId, "name", "w"), resource, 201)
                .path("workspace_id");
        String projectId = admin("admin.projects.create", Map.of("org_id", orgId, "name", "p", "workspace_id", workspaceId),
                resource, 201).path("project_id");
        Response key = admin("admin.api_keys.create", Map.of("org_id", orgId, "name", "k", "scopes",
                List.of("processing:read")), resource, 201);
        assertThat(key.<String>path("api_key")).startsWith("gpra_");
        admin("admin.projects.members.add", Map.of("project_id", projectId, "key_id", key.path("key_id")), resource, 200);
        Response granted = admin("admin.credits.grant", Map.of("org_id", orgId, "credits", 500), resource, 200);
        assertThat(granted.<Integer>path("available")).isEqualTo(500);
        Response balance = admin("admin.credits.balance", Map.of("org_id", orgId), resource, 200);
        assertThat(balance.<Integer>path("posted")).isEqualTo(500);
        assertThat(balance.<Integer>path("pending")).isZero();
        assertThat(balance.<Boolean>path("invariants_ok")).isTrue();

        Response session = given().header("Authorization", "Bearer " + key.path("api_key")).contentType(ContentType.JSON)
                .body(Map.of("ttl_seconds", 60)).post(Fixture.path("auth.sessions.create", resource));
        assertThat(session.statusCode()).as(session.asString()).isEqualTo(201);
        assertThat(session.<List<String>>path("scopes")).containsExactly("processing:read");
        Response withSession = given().header("Authorization", "Bearer " + session.path("token"))
                .contentType(ContentType.JSON).body(Map.of()).post(Fixture.path("processing.jobs.list", resource));
        assertThat(withSession.statusCode()).isEqualTo(200);

        Response logout = given().header("Authorization", "Bearer " + session.path("token"))
                .contentType(ContentType.JSON).body(Map.of()).post(Fixture.path("auth.logout", resource));
        assertThat(logout.statusCode()).as(logout.asString()).isEqualTo(200);
        assertThat(logout.<String>path("session_id")).isEqualTo(session.path("session_id"));

        admin("admin.api_keys.revoke", Map.of("key_id", key.path("key_id")), resource, 200);
        assertThat(given().header("Authorization", "Bearer " + key.path("api_key")).contentType(ContentType.JSON)
                .body(Map.of()).post("/v1/processing/jobs/list").statusCode()).isEqualTo(401);
    }

    @Test
    void openapi_describes_every_operation_in_both_url_forms() {
        String openapi = given().accept("application/json").get("/q/openapi").asString();
        for (String operation : AuthMatrixTest.SCOPES.keySet()) {
            assertThat(openapi).contains("\"" + Fixture.path(operation, true) + "\"")
                    .contains("\"" + Fixture.path(operation, false) + "\"");
        }
        assertThat(openapi).contains("/v1/op/processing.catalog.list", "/v1/op/auth.sessions.create",
                "/v1/processing/jobs/{job_id}/outputs/{name}");
    }

    @Test
    void openapi_gives_each_operation_its_request_fields_and_which_are_required() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").jsonPath();
        for (String path : List.of("/v1/processing/execute", "/v1/op/processing.execute")) {
            String schema = "paths.'" + path + "'.post.requestBody.content.'application/json'.schema";
            assertThat(openapi.getList(schema + ".required", String.class))
                    .as(path).containsExactlyInAnyOrder("process_id", "workspaceId");
            assertThat(openapi.getMap(schema + ".properties")).as(path)
                    .containsKeys("process_id", "workspaceId", "inputs", "project_id", "title");
        }
        String list = "paths.'/v1/processing/jobs/list'.post.requestBody.content.'application/json'.schema";
        assertThat(openapi.getMap(list + ".properties"))
                .containsKeys("workspaceId", "processId", "status", "ids", "page", "limit", "sort");
        assertThat(openapi.getList(list + ".required")).isNullOrEmpty();
        String grant = "paths.'/v1/admin/credits/grant'.post.requestBody.content.'application/json'.schema";
        assertThat(openapi.getString(grant + ".properties.credits.type")).isEqualTo("integer");
    }

    private static Response admin(String operation, Object body, boolean resource, int status) {
        Response response = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType(ContentType.JSON)
                .body(body).post(Fixture.path(operation, resource));
        assertThat(response.statusCode()).as(operation + " " + response.asString()).isEqualTo(status);
        return response;
    }
}
