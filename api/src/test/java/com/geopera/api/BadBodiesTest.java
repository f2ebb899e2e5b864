package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad body is a 4xx problem document, never a 500; validation lists every problem at once. */
@QuarkusTest
class BadBodiesTest {
    private static final List<String> OPERATIONS = List.copyOf(AuthMatrixTest.SCOPES.keySet());

    /** Operations whose fields are all optional: an empty body is a valid request. */
    private static final List<String> OPTIONAL_FIELDS_ONLY = List.of("processing.job_types.list",
            "processing.jobs.list", "ops.queues", "ops.workers", "ops.jobs", "ops.outbox.parked", "ops.audit");
    /** Operations without any field: no body can have a wrong type. */
    private static final List<String> NO_FIELDS = List.of("ops.workers");

    private static Response raw(String token, String operation, String body) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post("/v1/op/" + operation);
    }

    private static String tokenFor(Fixture org, String operation) {
        return AuthMatrixTest.tokenFor(org, operation);
    }

    @Test
    void malformed_json_is_400_and_non_object_bodies_are_422_for_every_operation() {
        Fixture org = Fixture.org(0);
        for (String operation : OPERATIONS) {
            for (String body : List.of("{\"job_id\": ", "nonsense", "{]")) {
                Response response = raw(tokenFor(org, operation), operation, body);
                assertThat(response.statusCode()).as(operation + " " + body).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.<String>path("code")).isEqualTo("malformed_request");
            }
            for (String body : List.of("[1,2]", "42", "\"text\"", "null")) {
                Response response = raw(tokenFor(org, operation), operation, body);
                assertThat(response.statusCode()).as(operation + " " + body).isBetween(400, 499);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void missing_fields_and_wrong_types_are_422_and_listed_together() {
        Fixture org = Fixture.org(0);
        for (String operation : OPERATIONS) {
            Response empty = raw(tokenFor(org, operation), operation, "{}");
            if (OPTIONAL_FIELDS_ONLY.contains(operation)) {
                assertThat(empty.statusCode()).as(operation).isEqualTo(200);
            } else {
                assertThat(empty.statusCode()).as(operation).isBetween(400, 499);
                assertThat(empty.<List<String>>path("errors.code")).as(operation).contains("required");
            }
            Response wrong = raw(tokenFor(org, operation), operation,
                    "{\"job_id\": 5, \"process_id\": [], \"workspaceId\": {}, \"inputs\": 3, \"org_id\": true, "
                            + "\"name\": 1, \"limit\": \"many\", \"page\": -1, \"project_id\": 9, \"credits\": \"x\", "
                            + "\"key_id\": 2, \"outputs\": \"x\", \"scopes\": 3, \"status\": \"bogus\", \"sort\": 4, "
                            + "\"category\": 7, \"queue\": [], \"reason\": {}, \"id\": \"x\", \"before_id\": \"x\", "
                            + "\"failed_within_minutes\": \"x\"}");
            if (NO_FIELDS.contains(operation)) {
                continue;
            }
            assertThat(wrong.statusCode()).as(operation + " " + wrong.asString()).isBetween(400, 499);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
        }
        Response execute = raw(org.apiKey, "processing.execute",
                "{\"process_id\": 5, \"workspaceId\": [], \"inputs\": \"x\"}");
        assertThat(execute.statusCode()).isEqualTo(422);
        assertThat(execute.<List<String>>path("errors.pointer"))
                .contains("/process_id", "/workspaceId", "/inputs");
    }

    @Test
    void invalid_process_inputs_are_all_reported_at_once_with_pointers() {
        Fixture org = Fixture.org(100_000);
        Response response = org.call("processing.catalog.validate", Map.of("process_id", "clip", "inputs",
                Map.of("image", "ftp://example.com/x.tif", "aoi", Map.of("type", "Point"), "output_crs", "EPSG:99999999")));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.<String>path("code")).isEqualTo("validation_failed");
        assertThat(response.<List<String>>path("errors.pointer").size()).isGreaterThanOrEqualTo(2);
        assertThat(response.<List<String>>path("errors.pointer")).allMatch(p -> p.startsWith("/inputs"));
        Response execute = org.call("processing.execute", Map.of("process_id", "clip", "workspaceId", "ws_nope",
                "inputs", Map.of()));
        assertThat(execute.statusCode()).isEqualTo(422);
        assertThat(execute.<List<String>>path("errors.code")).contains("unknown_workspace");
        assertThat(execute.<List<String>>path("errors.pointer")).contains("/workspaceId", "/inputs/image");
    }

    @Test
    void an_unknown_process_is_a_problem_on_every_operation_that_names_one() {
        Fixture org = Fixture.org(100_000);
        Map<String, Object> unknown = Map.of("process_id", "teleport", "workspaceId", org.workspaceId, "inputs", Map.of());
        for (String operation : List.of("processing.catalog.validate", "processing.catalog.estimate",
                "processing.create", "processing.create_and_dispatch", "processing.execute")) {
            Response response = org.call(operation, unknown);
            assertThat(response.statusCode()).as(operation).isEqualTo(422);
            assertThat(response.<List<String>>path("errors.code")).contains("unknown_process");
        }
        Response get = given().contentType(ContentType.JSON).body(Map.of("process_id", "teleport"))
                .post("/v1/op/processing.catalog.get");
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.<String>path("code")).isEqualTo("process_not_found");
    }

    @Test
    void a_huge_body_is_413_and_unknown_operations_and_methods_are_problems_too() {
        Fixture org = Fixture.org(0);
        String huge = "{\"process_id\": \"clip\", \"title\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Response response = raw(org.apiKey, "processing.execute", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.<String>path("code")).isEqualTo("payload_too_large");
        assertThat(raw(org.apiKey, "processing.teleport", "{}").<String>path("code")).isEqualTo("operation_not_found");
        Response get = given().header("Authorization", "Bearer " + org.apiKey).get("/v1/processing/job/get");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.contentType()).startsWith("application/problem+json");
    }

    @Test
    void execute_without_credits_is_402_with_amounts_and_creates_nothing_while_create_and_dispatch_keeps_the_job() {
        Fixture org = Fixture.org(0);
        Response execute = org.call("processing.execute", org.clipBody());
        assertThat(execute.statusCode()).isEqualTo(402);
        assertThat(execute.<String>path("code")).isEqualTo("insufficient_credits");
        assertThat(execute.<Integer>path("available")).isZero();
        assertThat(execute.<Integer>path("required")).isPositive();
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isZero();

        Response both = org.call("processing.create_and_dispatch", org.clipBody());
        assertThat(both.statusCode()).isEqualTo(402);
        String jobId = both.path("job_id");
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("created");
        Response dispatch = org.call("processing.dispatch", Map.of("job_id", jobId));
        assertThat(dispatch.statusCode()).isEqualTo(402);
        Fixture.admin("admin.credits.grant", Map.of("org_id", org.orgId, "credits", 100_000));
        assertThat(org.call("processing.dispatch", Map.of("job_id", jobId, "version", "9.9.9")).<String>path("code"))
                .isEqualTo("process_version_unavailable");
        assertThat(org.call("processing.dispatch", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("queued");
    }

    @Test
    void registering_outputs_outside_the_storage_root_is_refused() {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");
        Response response = org.call("processing.job.register", Map.of("job_id", jobId, "outputs", List.of(
                Map.of("name", "x", "href", "file:///etc/passwd"),
                Map.of("name", "../y", "href", RealServers.storageRoot.resolve("../escape.tif").toUri().toString()))));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.<List<String>>path("errors.pointer"))
                .contains("/outputs/0/href", "/outputs/1/name", "/outputs/1/href");
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("created");
    }

    @Test
    void list_operations_stream_ndjson_when_asked_and_page_otherwise() {
        Fixture org = Fixture.org(0);
        for (int i = 0; i < 3; i++) {
            org.call("processing.create", org.clipBody());
        }
        Response page = org.call("processing.jobs.list", Map.of("limit", 2, "page", 2, "sort", "created_at", "include", "total"));
        assertThat(page.<Integer>path("total")).isEqualTo(3);
        assertThat(page.<List<Object>>path("jobs")).hasSize(1);
        assertThat(page.<Boolean>path("has_more")).isFalse();
        Response ndjson = given().header("Authorization", "Bearer " + org.apiKey).accept("application/x-ndjson")
                .contentType(ContentType.JSON).body(Map.of("status", "created")).post("/v1/op/processing.jobs.list");
        assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
        assertThat(ndjson.asString().trim().split("\n")).hasSize(3).allMatch(line -> line.startsWith("{\"job_id\""));
        Response catalog = given().accept("application/x-ndjson").post("/v1/op/processing.catalog.list");
        assertThat(catalog.asString().trim().split("\n").length).isGreaterThan(1);
    }
}
