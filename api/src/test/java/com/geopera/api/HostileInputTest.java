package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text PostgreSQL cannot store (NUL, bytes that are not UTF-8, lone surrogates) and numbers JSON cannot hold are
 * refused where the request is read, for every operation, with the pointer of the field; and every error the api
 * answers, routing errors included, is a problem document with a code.
 */
@QuarkusTest
class HostileInputTest {
    private static final List<String> OPERATIONS = operations();

    static List<String> operations() {
        List<String> all = new ArrayList<>(AuthMatrixTest.SCOPES.keySet());
        all.addAll(List.of("processing.catalog.list", "processing.catalog.get", "auth.sessions.create",
                "auth.sessions.revoke"));
        return all;
    }

    private static String tokenFor(Fixture org, String operation) {
        return AuthMatrixTest.tokenFor(org, operation);
    }

    private static Response post(String token, String path, byte[] body) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body).post(path);
    }

    private static List<String> pointers(Response response) {
        return response.path("errors.pointer");
    }

    @Test
    void a_nul_character_in_any_field_is_a_422_with_its_pointer() {
        Fixture org = Fixture.org(1_000);
        // The request found on the real stack: a 500 every time before.
        Response dispatch = org.call("processing.dispatch", Map.of("job_id", "job_\u0000"));
        assertThat(dispatch.statusCode()).as(dispatch.asString()).isEqualTo(422);
        assertThat(dispatch.contentType()).startsWith("application/problem+json");
        assertThat(dispatch.<String>path("code")).isEqualTo("validation_failed");
        assertThat(dispatch.<List<String>>path("errors.code")).containsExactly("invalid_characters");
        assertThat(pointers(dispatch)).containsExactly("/job_id");

        byte[] body = ("{\"job_id\":\"a\\u0000\",\"process_id\":\"clip\",\"workspaceId\":\"" + org.workspaceId + "\","
                + "\"name\":\"n\",\"org_id\":\"o\",\"inputs\":{\"image\":\"file:x\\u0000.tif\",\"bands\":[1,\"\\u0000\"],"
                + "\"k\\u0000/~\":true}}").getBytes(StandardCharsets.UTF_8);
        for (String operation : OPERATIONS) {
            for (boolean resourceForm : new boolean[] {false, true}) {
                Response response = post(tokenFor(org, operation), Fixture.path(operation, resourceForm), body);
                assertThat(response.statusCode()).as(operation + " " + response.asString()).isEqualTo(422);
                assertThat(response.<String>path("code")).isEqualTo("validation_failed");
                // Every one of them, at once; the member name's pointer escapes / and ~ (RFC 6901).
                assertThat(pointers(response)).as(operation).containsExactlyInAnyOrder("/job_id", "/inputs/image",
                        "/inputs/bands/1", "/inputs/k\u0000~1~0");
            }
        }
    }

    @Test
    void bytes_that_are_not_utf8_inside_a_string_are_a_422_with_its_pointer_and_outside_one_a_400() {
        Fixture org = Fixture.org(1_000);
        ByteArrayOutputStream inString = new ByteArrayOutputStream();
        inString.writeBytes("{\"job_id\":\"job_".getBytes(StandardCharsets.UTF_8));
        inString.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        inString.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        for (String operation : List.of("processing.dispatch", "processing.job.get", "processing.execute")) {
            Response response = post(org.apiKey, Fixture.path(operation, false), inString.toByteArray());
            assertThat(response.statusCode()).as(operation + " " + response.asString()).isEqualTo(422);
            assertThat(pointers(response)).as(operation).contains("/job_id");
            assertThat(response.<List<String>>path("errors.message")).anyMatch(m -> m.contains("not UTF-8"));
        }
        byte[] outside = {'{', (byte) 0xFF, (byte) 0xFE, '}'};
        Response response = post(org.apiKey, "/v1/op/processing.dispatch", outside);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.<String>path("code")).isEqualTo("malformed_request");
    }

    @Test
    void a_lone_surrogate_or_a_number_beyond_a_double_is_a_422_with_its_pointer() {
        Fixture org = Fixture.org(100_000);
        String body = "{\"process_id\":\"clip\",\"workspaceId\":\"" + org.workspaceId + "\",\"title\":\"\\ud800x\","
                + "\"inputs\":{\"image\":\"" + Fixture.clipInputs().get("image") + "\",\"nodata\":1e400,"
                + "\"aoi\":{\"type\":\"Point\",\"coordinates\":[-1e999,1]}}}";
        for (String operation : List.of("processing.execute", "processing.create", "processing.catalog.validate")) {
            Response response = post(org.apiKey, Fixture.path(operation, false), body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(operation + " " + response.asString()).isEqualTo(422);
            assertThat(pointers(response)).as(operation)
                    .containsExactlyInAnyOrder("/title", "/inputs/nodata", "/inputs/aoi/coordinates/0");
        }
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isZero();
    }

    @Test
    void a_nul_or_non_ascii_byte_in_the_idempotency_key_is_a_422_and_in_a_token_a_401() {
        Fixture org = Fixture.org(100_000);
        byte[] body = ("{\"job_id\":\"job_nope\"}").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : List.of(new byte[] {'k', (byte) 0xC3, (byte) 0xA9}, new byte[] {'k', (byte) 0x80})) {
            RawHttp.Answer answer = RawHttp.post("/v1/op/processing.dispatch", Map.of(
                    "Authorization", RawHttp.ascii("Bearer " + org.apiKey), "Content-Type", RawHttp.ascii("application/json"),
                    "Idempotency-Key", key), body);
            assertProblem(answer, 422, "validation_failed");
            assertThat(answer.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/headers/Idempotency-Key");
        }
        // A NUL or control byte in a header never reaches the app: the HTTP codec refuses the request itself.
        for (byte[] key : List.of(new byte[] {'k', 0, 'y'}, new byte[] {'k', 0x01}, new byte[] {'k', 0x7f})) {
            RawHttp.Answer answer = RawHttp.post("/v1/op/processing.dispatch", Map.of(
                    "Authorization", RawHttp.ascii("Bearer " + org.apiKey), "Content-Type", RawHttp.ascii("application/json"),
                    "Idempotency-Key", key), body);
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        }
        byte[] token = RawHttp.ascii("Bearer gpra_abcdefghijk\u00e9mnopqrstuvwxyzabcdefghijklmnop");
        RawHttp.Answer answer = RawHttp.post("/v1/op/processing.jobs.list", Map.of("Authorization", token,
                "Content-Type", RawHttp.ascii("application/json")), RawHttp.ascii("{}"));
        assertProblem(answer, 401, "unauthenticated");
        Response path = given().header("Authorization", "Bearer " + org.apiKey)
                .urlEncodingEnabled(false).get("/v1/processing/jobs/job_%00/outputs/result");
        assertThat(path.statusCode()).as(path.asString()).isEqualTo(404);
        assertThat(path.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknown_routes_wrong_methods_and_media_types_answer_a_problem_with_a_code() {
        Fixture org = Fixture.org(0);
        List<RawHttp.Answer> answers = new ArrayList<>();
        String auth = "Authorization: Bearer " + org.apiKey + "\r\n";
        for (String head : List.of(
                "GET /nowhere HTTP/1.1\r\n",
                "POST /v1/nowhere/at/all HTTP/1.1\r\n",
                "GET /v1/op/processing.jobs.list HTTP/1.1\r\n",
                "DELETE /v1/processing/jobs/list HTTP/1.1\r\n",
                "PUT /v1/processing/jobs/job_x/outputs/result HTTP/1.1\r\n",
                "POST /v1/op/processing.jobs.list HTTP/1.1\r\nAccept: image/png\r\n",
                "POST /v1/op/processing.jobs.list HTTP/1.1\r\nContent-Type: text/plain\r\n",
                "POST /v1/op/processing.jobs.list HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                "POST /v1/op/processing.jobs.list HTTP/1.1\r\nContent-Type: ;;;\r\n",
                "POST /v1/op/Processing..x HTTP/1.1\r\n",
                "POST /v1/op/../../etc/passwd HTTP/1.1\r\n",
                "GET /q/nothing-here HTTP/1.1\r\n")) {
            answers.add(RawHttp.send(RawHttp.ascii(head + "Host: 127.0.0.1\r\n" + auth), RawHttp.ascii("{}")));
        }
        for (RawHttp.Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(200, 499);
            if (answer.status() >= 400) {
                assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
                JsonNode json = answer.json();
                assertThat(json).as(answer.toString()).isNotNull();
                assertThat(json.path("code").asText()).as(answer.toString()).isNotBlank();
            }
        }
        assertThat(answers.get(0).status()).isEqualTo(404);
        assertThat(answers.get(2).status()).isEqualTo(405);
    }

    static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }
}
