package com.geopera.api.store;

import com.geopera.api.Job;
import com.geopera.common.jdbc.Timestamps;
import com.geopera.common.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code job_liveness} table: the latest progress and heartbeat of each running attempt, in a narrow row updated
 * in place (HOT), instead of a rewrite of the wide {@code jobs} row per worker tick. What a client or the reaper sees
 * of a running job is its {@code jobs} row with this row laid over it ({@link #overlay}); a job's row takes the
 * values for good the next time it is written anyway (a transition).
 */
@ApplicationScoped
public class JobLivenessStore {
    /**
     * {@link #overlay}'s rule as select-list expressions over {@code jobs} (named like the columns they replace):
     * a running job's progress and heartbeat, each the greater of its row's and its current attempt's liveness row's.
     * Listings read in place ({@link JobRow}) use them; the lookup runs only for running jobs.
     */
    static final String LIVE_PROGRESS = "CASE WHEN status = 'running' THEN greatest(progress, (SELECT l.progress "
            + "FROM job_liveness l WHERE l.job_id = jobs.job_id AND l.attempt = jobs.attempt)) ELSE progress END "
            + "AS progress";
    static final String LIVE_HEARTBEAT = "CASE WHEN status = 'running' THEN greatest(heartbeat_at, "
            + "(SELECT l.heartbeat_at FROM job_liveness l WHERE l.job_id = jobs.job_id AND l.attempt = jobs.attempt)) "
            + "ELSE heartbeat_at END AS heartbeat_at";

    @Inject
    Db db;

    /** Records a HEARTBEAT or PROGRESS of the attempt: progress never goes backwards within an attempt. */
    public void record(String jobId, int attempt, Integer progress, Instant at) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_liveness AS l (job_id, attempt, progress, "
                    + "heartbeat_at) VALUES (?, ?, ?, ?) ON CONFLICT (job_id) DO UPDATE SET "
                    + "progress = CASE WHEN l.attempt = excluded.attempt THEN greatest(l.progress, excluded.progress) "
                    + "ELSE excluded.progress END, "
                    + "heartbeat_at = CASE WHEN l.attempt = excluded.attempt "
                    + "THEN greatest(l.heartbeat_at, excluded.heartbeat_at) ELSE excluded.heartbeat_at END, "
                    + "attempt = excluded.attempt")) {
                s.setString(1, jobId);
                s.setInt(2, attempt);
                s.setInt(3, progress == null ? 0 : Math.min(100, Math.max(0, progress)));
                Timestamps.set(s, 4, at);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Lays the latest progress and heartbeat over those of these jobs that are running, from their current
     * attempt's row (one query for all of them).
     */
    public void overlay(Collection<Job> jobs) {
        Map<String, Job> running = new HashMap<>();
        for (Job job : jobs) {
            if (job.status() == JobStatus.RUNNING) {
                running.put(job.jobId, job);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT job_id, attempt, progress, heartbeat_at "
                    + "FROM job_liveness WHERE job_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", running.keySet().toArray()));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        Job job = running.get(rows.getString("job_id"));
                        if (job.attempt() != rows.getInt("attempt")) {
                            continue;
                        }
                        job.progress = Math.max(job.progress, rows.getInt("progress"));
                        Instant beat = Timestamps.get(rows, "heartbeat_at");
                        if (job.heartbeatAt == null || beat.isAfter(job.heartbeatAt)) {
                            job.heartbeatAt = beat;
                        }
                    }
                }
            }
            return null;
        });
    }

    /** {@link #overlay(Collection)} of one job. */
    public void overlay(Job job) {
        overlay(List.of(job));
    }

    /**
     * Deletes up to {@code limit} rows that no longer describe a running attempt (the job finished, was dispatched
     * again, or is gone); returns how many.
     */
    public int deleteStale(int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_liveness WHERE job_id IN ("
                    + "SELECT l.job_id FROM job_liveness l LEFT JOIN jobs j ON j.job_id = l.job_id "
                    + "WHERE j.job_id IS NULL OR j.status <> 'running' OR j.attempt <> l.attempt "
                    + "LIMIT ? FOR UPDATE OF l SKIP LOCKED)")) {
                s.setInt(1, limit);
                return s.executeUpdate();
            }
        });
    }
}
