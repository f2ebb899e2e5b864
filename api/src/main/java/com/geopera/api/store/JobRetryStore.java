package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code ops_job_retries} table: which new job an operator ran for which failed job. The failed job is its
 * primary key, so a job is retried at most once.
 */
@ApplicationScoped
public class JobRetryStore {
    @Inject
    Db db;

    /** The job that retried {@code failedJobId}, if an operator retried it. */
    public Optional<String> retryOf(String failedJobId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT retry_job_id FROM ops_job_retries WHERE failed_job_id = ?")) {
                s.setString(1, failedJobId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Links the failed job to its retry, in the caller's transaction. */
    public void link(String failedJobId, String retryJobId, Instant retriedAt, long auditId) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ops_job_retries (failed_job_id, retry_job_id, "
                    + "retried_at, audit_id) VALUES (?,?,?,?)")) {
                s.setString(1, failedJobId);
                s.setString(2, retryJobId);
                Timestamps.set(s, 3, retriedAt);
                s.setLong(4, auditId);
                return s.executeUpdate();
            }
        });
    }
}
