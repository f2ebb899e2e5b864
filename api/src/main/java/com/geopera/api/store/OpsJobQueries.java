package com.geopera.api.store;

import com.geopera.api.contract.ops.OpsJobs.OpsFailure;
import com.geopera.api.contract.ops.OpsJobs.OpsFailureCode;
import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only questions operators ask of the {@code jobs} table, per queue. Each reads only the rows a partial index
 * covers (jobs in one non-final status, or jobs finished since a time), never a scan of every job.
 */
@ApplicationScoped
public class OpsJobQueries {
    /** Why a job counts as stuck (docs/OPERATIONS-GUIDE.md, ops.jobs). */
    public static final String STALE_HEARTBEAT = "stale_heartbeat";
    public static final String QUEUED_TOO_LONG = "queued_too_long";

    @Inject
    Db db;

    /** Jobs of one queue in one non-final status; {@code oldest} is the earliest {@code queued_at} of queued ones. */
    public record Active(String queue, String status, long count, Instant oldest) {
    }

    /** Jobs of one queue finished since a time, by final status. */
    public record Finished(long succeeded, long failed, long cancelled) {
    }

    /** A stuck job and since when it has not moved. */
    public record Stuck(String jobId, String orgId, String queue, String processId, String status, int attempt,
            String workerId, String reason, Instant since) {
    }

    /** Created, queued and running jobs per queue (one statement per status, each on its partial index). */
    public List<Active> active() {
        return db.with(c -> {
            List<Active> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT queue, 'created', count(*), NULL::timestamptz FROM jobs WHERE status = 'created' GROUP BY queue "
                    + "UNION ALL SELECT queue, 'queued', count(*), min(queued_at) FROM jobs WHERE status = 'queued' "
                    + "GROUP BY queue "
                    + "UNION ALL SELECT queue, 'running', count(*), NULL FROM jobs WHERE status = 'running' GROUP BY queue");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Active(r.getString(1), r.getString(2), r.getLong(3), Timestamps.get(r, 4)));
                }
            }
            return found;
        });
    }

    /** Per queue, the jobs that finished at or after {@code since} by final status. */
    public Map<String, Finished> finishedSince(Instant since) {
        return db.with(c -> {
            Map<String, Finished> byQueue = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT queue, "
                    + "count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'), "
                    + "count(*) FILTER (WHERE status = 'cancelled') FROM jobs WHERE finished_at >= ? GROUP BY queue")) {
                Timestamps.set(s, 1, since);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byQueue.put(r.getString(1), new Finished(r.getLong(2), r.getLong(3), r.getLong(4)));
                    }
                }
            }
            return byQueue;
        });
    }

    /** Jobs that failed at or after {@code since}, newest first. */
    public List<OpsFailure> failures(Instant since, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT job_id, org_id, queue, process_id, attempt, "
                    + "error_code, error_message, worker_id, finished_at FROM jobs WHERE finished_at >= ? "
                    + "AND status = 'failed' ORDER BY finished_at DESC, job_id DESC LIMIT ?")) {
                Timestamps.set(s, 1, since);
                s.setInt(2, limit);
                List<OpsFailure> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new OpsFailure(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getInt(5), r.getString(6), r.getString(7), r.getString(8),
                                Timestamps.get(r, "finished_at")));
                    }
                }
                return found;
            }
        });
    }

    /** Every failure at or after {@code since} counted by error code, most frequent first. */
    public List<OpsFailureCode> failureCodes(Instant since) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(error_code, 'unknown'), count(*) FROM jobs "
                    + "WHERE finished_at >= ? AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1")) {
                Timestamps.set(s, 1, since);
                List<OpsFailureCode> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new OpsFailureCode(r.getString(1), r.getLong(2)));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Running jobs whose last sign of life ({@link JobStore#LAST_SIGN_OF_LIFE}) is before {@code staleBefore} and
     * queued jobs queued before {@code queuedBefore}, oldest first.
     */
    public List<Stuck> stuck(Instant staleBefore, Instant queuedBefore, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM (" + STUCK + ") stuck "
                    + "ORDER BY since, job_id LIMIT ?")) {
                Timestamps.set(s, 1, staleBefore);
                Timestamps.set(s, 2, queuedBefore);
                s.setInt(3, limit);
                List<Stuck> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Stuck(r.getString("job_id"), r.getString("org_id"), r.getString("queue"),
                                r.getString("process_id"), r.getString("status"), r.getInt("attempt"),
                                r.getString("worker_id"), r.getString("reason"), Timestamps.get(r, "since")));
                    }
                }
                return found;
            }
        });
    }

    /** How many jobs are stuck, per queue and reason (as {@link #stuck}, without a limit). */
    public Map<String, Map<String, Long>> stuckCounts(Instant staleBefore, Instant queuedBefore) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT queue, reason, count(*) FROM (" + STUCK
                    + ") stuck GROUP BY queue, reason")) {
                Timestamps.set(s, 1, staleBefore);
                Timestamps.set(s, 2, queuedBefore);
                Map<String, Map<String, Long>> counts = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.computeIfAbsent(r.getString(1), q -> new HashMap<>()).put(r.getString(2), r.getLong(3));
                    }
                }
                return counts;
            }
        });
    }

    private static final String STUCK_COLUMNS = "job_id, org_id, queue, process_id, status, attempt, worker_id";
    private static final String STUCK = "SELECT " + STUCK_COLUMNS + ", '" + STALE_HEARTBEAT + "' AS reason, "
            + JobStore.LAST_SIGN_OF_LIFE + " AS since FROM jobs WHERE status = 'running' AND "
            + JobStore.LAST_SIGN_OF_LIFE + " < ? "
            + "UNION ALL SELECT " + STUCK_COLUMNS + ", '" + QUEUED_TOO_LONG + "', queued_at FROM jobs "
            + "WHERE status = 'queued' AND queued_at < ?";
}
