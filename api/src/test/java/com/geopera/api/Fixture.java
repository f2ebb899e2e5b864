package com.geopera.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Creates orgs, workspaces, keys and credits through the admin operations, and builds request bodies. */
public final class Fixture {
    public static final List<String> ALL_SCOPES = List.of("processing:read", "processing:process", "clip:read",
            "clip:destroy");

    public final String orgId;
    public final String workspaceId;
    public final String keyId;
    public final String apiKey;
    public final String principalId;

    private Fixture(String orgId, String workspaceId, String keyId, String apiKey, String principalId) {
        this.orgId = orgId;
        this.workspaceId = workspaceId;
        this.keyId = keyId;
        this.apiKey = apiKey;
        this.principalId = principalId;
    }

    /** A new org with a workspace, a key with every processing scope, and {@code credits} credits. */
    public static Fixture org(long credits) {
        String orgId = admin("admin.orgs.create", Map.of("name", "org")).path("org_id");
        String workspaceId = admin("admin.workspaces.create", Map.of("org_id", orgId, "name", "ws")).path("workspace_id");
        Response key = admin("admin.api_keys.create", Map.of("org_id", orgId, "name", "key", "scopes", ALL_SCOPES));
        if (credits > 0) {
            admin("admin.credits.grant", Map.of("org_id", orgId, "credits", credits));
        }
        return new Fixture(orgId, workspaceId, key.path("key_id"), key.path("api_key"), key.path("principal_id"));
    }

    /** Another key of this org with the given scopes: {key_id, api_key, principal_id}. */
    public Response key(List<String> scopes) {
        return admin("admin.api_keys.create", Map.of("org_id", orgId, "name", "extra", "scopes", scopes));
    }

    public static Response admin(String operation, Object body) {
        Response response = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY)
                .contentType(ContentType.JSON).body(body).post("/v1/op/" + operation);
        if (response.statusCode() >= 300) {
            throw new AssertionError(operation + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    /** A key of the platform's own workers (scope platform:worker, no org), made by the admin. */
    public static String platformWorkerKey() {
        return admin("admin.api_keys.create", Map.of("name", "worker fleet", "scopes", List.of("platform:worker")))
                .path("api_key");
    }

    public Response call(String operation, Object body) {
        return call(operation, body, false);
    }

    /** POST an operation with this org's key, on the given URL form. */
    public Response call(String operation, Object body, boolean resourcePath) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post(path(operation, resourcePath));
    }

    public static String path(String operation, boolean resourcePath) {
        return resourcePath ? "/v1/" + operation.replace('.', '/') : "/v1/op/" + operation;
    }

    /** A clip of the real elevation sample (Luxembourg, EPSG:4326). */
    public Map<String, Object> clipBody() {
        return Map.of("process_id", "clip", "workspaceId", workspaceId, "inputs", clipInputs());
    }

    public static Map<String, Object> clipInputs() {
        return Map.of("image", RealServers.samples.resolve("elev.tif").toUri().toString(),
                "aoi", Map.of("type", "Polygon", "coordinates", List.of(List.of(
                        List.of(5.9, 49.6), List.of(6.2, 49.6), List.of(6.2, 49.9), List.of(5.9, 49.9),
                        List.of(5.9, 49.6)))));
    }
}
