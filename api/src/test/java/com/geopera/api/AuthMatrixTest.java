package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.api.service.AdminService;
import com.geopera.api.service.AuthService;
import com.geopera.api.service.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** No token, bad token, revoked key, expired session, each missing scope, other org, non-member project. */
@QuarkusTest
class AuthMatrixTest {
    /** Every protected operation and the scope the reference gives it. */
    static final Map<String, String> SCOPES = new LinkedHashMap<>();

    static {
        SCOPES.put("processing.catalog.estimate", "processing:read");
        SCOPES.put("processing.catalog.validate", "processing:read");
        SCOPES.put("processing.job_types.list", "processing:read");
        SCOPES.put("processing.create", "processing:process");
        SCOPES.put("processing.create_and_dispatch", "processing:process");
        SCOPES.put("processing.dispatch", "processing:process");
        SCOPES.put("processing.execute", "processing:process");
        SCOPES.put("processing.job.register", "processing:process");
        SCOPES.put("processing.job.delete", "clip:destroy");
        SCOPES.put("processing.job.get", "processing:read");
        SCOPES.put("processing.job.tile_info", "clip:read");
        SCOPES.put("processing.jobs.list", "processing:read");
        SCOPES.put("processing.project_job.get", "processing:read");
        SCOPES.put("processing.project_jobs.list", "processing:read");
        for (String admin : List.of("admin.orgs.create", "admin.workspaces.create", "admin.projects.create",
                "admin.projects.members.add", "admin.api_keys.create", "admin.api_keys.revoke", "admin.credits.grant",
                "admin.credits.balance")) {
            SCOPES.put(admin, "admin");
        }
        for (String read : List.of("ops.queues", "ops.workers", "ops.jobs", "ops.outbox.parked", "ops.audit")) {
            SCOPES.put(read, "ops:read");
        }
        for (String action : List.of("ops.queues.pause", "ops.queues.resume", "ops.jobs.retry", "ops.jobs.cancel",
                "ops.outbox.replay", "ops.outbox.discard")) {
            SCOPES.put(action, "ops:write");
        }
    }

    /** A token that holds the operation's scope: the admin key for admin and operator operations (it passes both). */
    static String tokenFor(Fixture org, String operation) {
        return operation.startsWith("admin.") || operation.startsWith("ops.") ? RealServers.ADMIN_KEY : org.apiKey;
    }

    @Inject
    ShiftableClock clock;
    @Inject
    AdminService admin;
    @Inject
    AuthService auth;
    @Inject
    AgroalDataSource dataSource;

    private static Response post(String token, String operation, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/v1/op/" + operation);
    }

    @Test
    void every_protected_operation_refuses_a_missing_or_unknown_token_with_401() {
        for (String operation : SCOPES.keySet()) {
            for (String token : new String[] {null, "gpra_notarealkeynotarealkeynotarealkey00",
                    "gprs_notarealsessionnotarealsession0000", "hello"}) {
                Response response = post(token, operation, Map.of());
                assertThat(response.statusCode()).as(operation + " with " + token).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.<String>path("code")).isEqualTo("unauthenticated");
            }
        }
    }

    @Test
    void every_operation_refuses_a_key_without_its_scope_with_403() {
        Fixture org = Fixture.org(0);
        List<String> everything = new ArrayList<>(Fixture.ALL_SCOPES);
        for (Map.Entry<String, String> entry : SCOPES.entrySet()) {
            List<String> others = new ArrayList<>(everything);
            others.remove(entry.getValue());
            String key = org.key(others).path("api_key");
            Response response = post(key, entry.getKey(), Map.of());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(403);
            assertThat(response.<String>path("code")).isEqualTo("insufficient_scope");
        }
    }

    @Test
    void the_admin_key_cannot_run_processing_operations_and_org_keys_cannot_run_admin_operations() {
        Fixture org = Fixture.org(0);
        assertThat(post(RealServers.ADMIN_KEY, "processing.jobs.list", Map.of()).statusCode()).isEqualTo(403);
        assertThat(post(org.apiKey, "admin.orgs.create", Map.of("name", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void catalog_list_and_get_are_public_but_a_bad_token_is_still_refused() {
        assertThat(post(null, "processing.catalog.list", Map.of()).statusCode()).isEqualTo(200);
        assertThat(post(null, "processing.catalog.get", Map.of("process_id", "clip")).statusCode()).isEqualTo(200);
        assertThat(post("gpra_bogusbogusbogusbogusbogusbogus00", "processing.catalog.list", Map.of()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_revoked_key_and_its_sessions_stop_working_at_once() {
        Fixture org = Fixture.org(0);
        Response key = org.key(List.of("processing:read"));
        String session = post(key.path("api_key"), "auth.sessions.create", Map.of()).path("token");
        assertThat(post(session, "processing.jobs.list", Map.of()).statusCode()).isEqualTo(200);
        Fixture.admin("admin.api_keys.revoke", Map.of("key_id", key.path("key_id")));
        assertThat(post(key.path("api_key"), "processing.jobs.list", Map.of()).statusCode()).isEqualTo(401);
        assertThat(post(session, "processing.jobs.list", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void an_expired_or_revoked_session_is_refused_and_sessions_never_gain_scopes() {
        Fixture org = Fixture.org(0);
        Response session = post(org.apiKey, "auth.sessions.create", Map.of("ttl_seconds", 60,
                "scopes", List.of("processing:read")));
        String token = session.path("token");
        assertThat(post(token, "processing.jobs.list", Map.of()).statusCode()).isEqualTo(200);
        assertThat(post(token, "processing.execute", org.clipBody()).statusCode()).isEqualTo(403);
        clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(post(token, "processing.jobs.list", Map.of()).<String>path("detail")).contains("expired");
        } finally {
            clock.reset();
        }
        Response second = post(org.apiKey, "auth.sessions.create", Map.of());
        assertThat(post(second.path("token"), "processing.jobs.list", Map.of()).statusCode()).isEqualTo(200);
        Response revoked = post(org.apiKey, "auth.sessions.revoke", Map.of("session_id", second.path("session_id")));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(post(second.path("token"), "processing.jobs.list", Map.of()).statusCode()).isEqualTo(401);

        Response narrow = org.key(List.of("processing:read"));
        Response wider = post(narrow.path("api_key"), "auth.sessions.create", Map.of("scopes", List.of("clip:destroy")));
        assertThat(wider.statusCode()).isEqualTo(422);
    }

    @Test
    void logout_revokes_the_session_on_the_server() {
        Fixture org = Fixture.org(0);
        String token = post(org.apiKey, "auth.sessions.create", Map.of()).path("token");
        assertThat(post(token, "processing.jobs.list", Map.of()).statusCode()).isEqualTo(200);

        Response logout = post(token, "auth.logout", Map.of());
        assertThat(logout.statusCode()).as(logout.asString()).isEqualTo(200);
        assertThat(logout.<Boolean>path("revoked")).isTrue();

        Response after = post(token, "processing.jobs.list", Map.of());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.<String>path("code")).isEqualTo("unauthenticated");
        assertThat(post(token, "auth.logout", Map.of()).statusCode()).as("a second logout").isEqualTo(401);
        assertThat(post(org.apiKey, "processing.jobs.list", Map.of()).statusCode()).as("the key lives on")
                .isEqualTo(200);
        Response withKey = post(org.apiKey, "auth.logout", Map.of());
        assertThat(withKey.statusCode()).as("an API key is not a session").isEqualTo(422);
        assertThat(post(null, "auth.logout", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void a_revoked_bootstrap_key_stays_revoked_after_a_restart() throws Exception {
        // Another bootstrap key than the run's, so revoking it leaves the other tests their admin.
        String bootstrap = "gpra_" + UUID.randomUUID().toString().replace("-", "") + "secretpart";
        admin.registerBootstrapKey(bootstrap);
        assertThat(post(bootstrap, "admin.orgs.create", Map.of("name", "x")).statusCode()).isEqualTo(201);
        String keyId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT key_id FROM api_keys WHERE lookup = ?")) {
            s.setString(1, Tokens.lookup(bootstrap));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                keyId = r.getString(1);
            }
        }
        Fixture.admin("admin.api_keys.revoke", Map.of("key_id", keyId));
        assertThat(post(bootstrap, "admin.orgs.create", Map.of("name", "x")).statusCode()).isEqualTo(401);

        restartWith(bootstrap);
        assertThat(post(bootstrap, "admin.orgs.create", Map.of("name", "x")).statusCode())
                .as("the same key after a restart").isEqualTo(401);
        String sameLookupNewSecret = bootstrap.substring(0, bootstrap.length() - 10) + "othersecre";
        restartWith(sameLookupNewSecret);
        assertThat(post(sameLookupNewSecret, "admin.orgs.create", Map.of("name", "x")).statusCode())
                .as("a new secret under the revoked key's lookup").isEqualTo(401);
    }

    /** What a start does with the configured bootstrap key; a new process also starts with no cached credentials. */
    private void restartWith(String bootstrapKey) {
        admin.registerBootstrapKey(bootstrapKey);
        auth.forgetCachedCredentials();
    }

    @Test
    void a_changed_bootstrap_secret_replaces_the_old_one_while_the_key_is_not_revoked() {
        String bootstrap = "gpra_" + UUID.randomUUID().toString().replace("-", "") + "secretpart";
        restartWith(bootstrap);
        String changed = bootstrap.substring(0, bootstrap.length() - 10) + "othersecre";
        restartWith(changed);
        assertThat(post(changed, "admin.orgs.create", Map.of("name", "x")).statusCode()).isEqualTo(201);
        assertThat(post(bootstrap, "admin.orgs.create", Map.of("name", "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void a_job_of_another_org_is_404_never_403() {
        Fixture mine = Fixture.org(100_000);
        Fixture theirs = Fixture.org(100_000);
        String jobId = theirs.call("processing.create", theirs.clipBody()).path("job_id");
        for (String operation : List.of("processing.job.get", "processing.job.delete", "processing.job.tile_info",
                "processing.dispatch", "processing.job.register", "processing.project_job.get")) {
            Response response = mine.call(operation, Map.of("job_id", jobId));
            assertThat(response.statusCode()).as(operation).isEqualTo(404);
        }
        assertThat(given().header("Authorization", "Bearer " + mine.apiKey)
                .get("/v1/processing/jobs/" + jobId + "/outputs/result").statusCode()).isEqualTo(404);
        assertThat(mine.call("processing.jobs.list", Map.of("ids", jobId, "include", "total")).<Integer>path("total")).isZero();
        assertThat(theirs.call("processing.job.get", Map.of("job_id", jobId)).statusCode()).isEqualTo(200);
    }

    @Test
    void project_jobs_are_visible_to_project_members_only() {
        Fixture org = Fixture.org(0);
        String projectId = Fixture.admin("admin.projects.create", Map.of("org_id", org.orgId, "name", "p"))
                .path("project_id");
        String jobId = org.call("processing.create", Map.of("process_id", "clip", "workspaceId", org.workspaceId,
                "project_id", projectId, "inputs", Fixture.clipInputs())).path("job_id");
        assertThat(org.call("processing.project_job.get", Map.of("job_id", jobId)).statusCode()).isEqualTo(404);
        assertThat(org.call("processing.project_jobs.list", Map.of("project_id", projectId)).statusCode()).isEqualTo(404);
        Fixture.admin("admin.projects.members.add", Map.of("project_id", projectId, "principal_id", org.principalId));
        assertThat(org.call("processing.project_job.get", Map.of("job_id", jobId)).statusCode()).isEqualTo(200);
        assertThat(org.call("processing.project_jobs.list", Map.of("project_id", projectId)).statusCode()).isEqualTo(200);
        Fixture other = Fixture.org(0);
        assertThat(other.call("processing.project_jobs.list", Map.of("project_id", projectId)).statusCode()).isEqualTo(404);
    }
}
