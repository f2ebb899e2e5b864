package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An execute with an Idempotency-Key writes the job row, the ledger hold and the outbox row with JDBC and the
 * idempotency record with Hibernate, all in one JTA transaction: they commit together or not at all.
 */
@QuarkusTest
class OneTransactionTest {
    /** Idempotency keys starting with this are refused by a trigger, the last write of the execute. */
    private static final String FAILING_KEY_PREFIX = "refused-by-trigger-";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_failure_after_the_job_insert_rolls_back_the_job_the_hold_and_the_outbox_row() throws Exception {
        Fixture org = Fixture.org(100_000);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION refuse_test_idempotency_record() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.idempotency_key LIKE '" + FAILING_KEY_PREFIX + "%' THEN "
                    + "RAISE EXCEPTION 'refused by the test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE OR REPLACE TRIGGER refuse_test_idempotency_record BEFORE INSERT ON idempotency_records "
                    + "FOR EACH ROW EXECUTE FUNCTION refuse_test_idempotency_record()");
        }
        Response refused;
        try {
            refused = execute(org, FAILING_KEY_PREFIX + UUID.randomUUID());
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS refuse_test_idempotency_record ON idempotency_records");
            }
        }
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM jobs WHERE org_id = ?", org.orgId)).isZero();
        assertThat(count("SELECT count(*) FROM ledger_holds WHERE org_id = ?", org.orgId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE payload LIKE '%' || ? || '%'", org.orgId)).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_records WHERE org_id = ?", org.orgId)).isZero();
        assertThat(Fixture.admin("admin.credits.balance", java.util.Map.of("org_id", org.orgId))
                .<Integer>path("pending")).isZero();
    }

    @Test
    void a_successful_execute_commits_the_job_the_hold_the_outbox_row_and_the_idempotency_record() throws Exception {
        Fixture org = Fixture.org(100_000);
        Response created = execute(org, "commits-together-" + UUID.randomUUID());
        assertThat(created.statusCode()).isEqualTo(201);
        String jobId = created.path("job_id");
        assertThat(count("SELECT count(*) FROM jobs WHERE org_id = ? AND status = 'queued'", org.orgId)).isOne();
        assertThat(count("SELECT count(*) FROM ledger_holds WHERE job_id = ? AND status = 'pending'", jobId)).isOne();
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = ?", jobId)).isOne();
        assertThat(count("SELECT count(*) FROM idempotency_records WHERE org_id = ?", org.orgId)).isOne();
    }

    private static Response execute(Fixture org, String key) throws Exception {
        return given().header("Authorization", "Bearer " + org.apiKey).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Json.mapper().writeValueAsString(org.clipBody()))
                .post("/v1/op/processing.execute");
    }

    private long count(String sql, String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
