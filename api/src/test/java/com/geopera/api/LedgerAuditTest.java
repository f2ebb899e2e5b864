package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * admin.ledger.audit checks the whole ledger on its own, and a balance checks only its org's open holds: the audit
 * and the org's balance both see a hold left open for a finished job, another org's balance does not.
 */
@QuarkusTest
class LedgerAuditTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;

    @Test
    void an_audit_of_books_the_api_wrote_finds_nothing_and_sets_the_gauge_to_zero() {
        Fixture org = Fixture.org(100_000);
        org.call("processing.execute", org.clipBody());
        Response audit = Fixture.admin("admin.ledger.audit", Map.of());
        assertThat(audit.<Boolean>path("invariants_ok")).isTrue();
        assertThat(audit.<List<?>>path("violations")).isEmpty();
        assertThat(audit.<String>path("checked_at")).isNotNull();
        assertThat(audit.<Integer>path("duration_ms")).isNotNegative();
        assertThat(metrics.get("geopera.ledger.invariant.violations").gauge().value()).isZero();
        Response viaResourcePath = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY)
                .contentType(ContentType.JSON).body(Map.of()).post(Fixture.path("admin.ledger.audit", true));
        assertThat(viaResourcePath.statusCode()).isEqualTo(200);
        assertThat(viaResourcePath.<Boolean>path("invariants_ok")).isTrue();
    }

    @Test
    void only_an_admin_audits_the_ledger() {
        Fixture org = Fixture.org(0);
        Response refused = org.call("admin.ledger.audit", Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("code")).isEqualTo("insufficient_scope");
    }

    @Test
    void a_hold_left_open_for_a_finished_job_is_seen_by_the_audit_and_by_its_orgs_balance_only() throws Exception {
        Fixture org = Fixture.org(100_000);
        Fixture other = Fixture.org(100);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        setStatus(jobId, "cancelled"); // the job finished without its hold being released: what must never happen
        try {
            Response audit = Fixture.admin("admin.ledger.audit", Map.of());
            assertThat(audit.<Boolean>path("invariants_ok")).isFalse();
            assertThat(audit.<List<String>>path("violations.subject")).contains(jobId);
            assertThat(audit.<List<String>>path("violations.code")).contains("open_hold_for_finished_job");
            assertThat(metrics.get("geopera.ledger.invariant.violations").gauge().value()).isGreaterThanOrEqualTo(1);

            Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
            assertThat(balance.<Boolean>path("invariants_ok")).isFalse();
            assertThat(balance.<List<String>>path("violations.subject")).containsExactly(jobId);
            assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", other.orgId))
                    .<Boolean>path("invariants_ok")).isTrue();
        } finally {
            setStatus(jobId, "queued");
            org.call("processing.job.delete", Map.of("job_id", jobId));
        }
        assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId))
                .<Boolean>path("invariants_ok")).isTrue();
        assertThat(Fixture.admin("admin.ledger.audit", Map.of()).<Boolean>path("invariants_ok")).isTrue();
        assertThat(metrics.get("geopera.ledger.invariant.violations").gauge().value()).isZero();
    }

    private void setStatus(String jobId, String status) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = ? WHERE job_id = ?")) {
            s.setString(1, status);
            s.setString(2, jobId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
