package com.geopera.api.store;

import com.geopera.ledger.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants between holds and jobs, which only the api can check (the ledger knows no jobs): no pending hold
 * without a job, and no pending hold for a finished job.
 */
@ApplicationScoped
public class HoldJobConsistency {
    /**
     * Pending holds only: a closed hold may outlive its job (retention deletes long-finished jobs, whose holds closed
     * when they finished, and the ledger keeps its records).
     */
    private static final String ALL = "SELECT h.job_id, j.status FROM ledger_holds h "
            + "LEFT JOIN jobs j ON j.job_id = h.job_id WHERE h.status = 'pending' "
            + "AND (j.job_id IS NULL OR j.status IN ('succeeded','failed','cancelled'))";
    /** The org's pending holds (the partial index of pending holds), so the cost is the org's jobs in flight. */
    private static final String OF_ORG_PENDING = "SELECT h.job_id, j.status FROM ledger_holds h "
            + "LEFT JOIN jobs j ON j.job_id = h.job_id WHERE h.status = 'pending' AND h.org_id = ? "
            + "AND (j.job_id IS NULL OR j.status IN ('succeeded','failed','cancelled'))";

    @Inject
    Db db;

    /** Every pending hold without a job or of a finished job: part of the full audit. */
    public List<Violation> violations() {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(ALL); ResultSet rows = s.executeQuery()) {
                return read(rows);
            }
        });
    }

    /** The org's pending holds without a job or of a finished job: cheap enough for every balance answer. */
    public List<Violation> pendingViolations(String orgId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(OF_ORG_PENDING)) {
                s.setString(1, orgId);
                try (ResultSet rows = s.executeQuery()) {
                    return read(rows);
                }
            }
        });
    }

    private static List<Violation> read(ResultSet rows) throws SQLException {
        List<Violation> found = new ArrayList<>();
        while (rows.next()) {
            String status = rows.getString(2);
            found.add(status == null
                    ? new Violation("hold_without_job", rows.getString(1), "no job row for this pending hold")
                    : new Violation("open_hold_for_finished_job", rows.getString(1), "job is " + status));
        }
        return found;
    }
}
