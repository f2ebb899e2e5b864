package com.geopera.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.common.jdbc.Timestamps;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code jobs} table. Updates are optimistic on {@code version} (and callers lock the row first). */
@ApplicationScoped
public class JobStore {
    private static final String COLUMNS = "job_id, org_id, workspace_id, project_id, principal_id, process_id, "
            + "process_version, job_type, queue, title, inputs, status, progress, attempt, worker_id, heartbeat_at, "
            + "queued_at, error_code, error_message, outputs, outputs_deleted_at, estimated_credits, reserved_credits, "
            + "charged_credits, released_credits, billing_status, created_at, updated_at, started_at, finished_at, input_pins, version";

    @Inject
    Db db;

    public void insert(Job job) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (" + COLUMNS + ") VALUES "
                    + "(?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb),?,?,?,?,?,?,?,?,CAST(? AS jsonb),?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb),?)")) {
                bind(s, job);
                s.setLong(32, job.version);
                return s.executeUpdate();
            }
        });
    }

    /** Writes every mutable column if nobody changed the row since it was read; bumps {@code version}. */
    public void update(Job job) {
        int rows = db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET (" + COLUMNS + ") = "
                    + "(?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb),?,?,?,?,?,?,?,?,CAST(? AS jsonb),?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb),?) "
                    + "WHERE job_id = ? AND version = ?")) {
                bind(s, job);
                s.setLong(32, job.version + 1);
                s.setString(33, job.jobId);
                s.setLong(34, job.version);
                return s.executeUpdate();
            }
        });
        if (rows != 1) {
            throw new ConcurrentModificationException("job " + job.jobId + " changed concurrently");
        }
        job.version++;
    }

    public Optional<Job> find(String jobId) {
        return db.with(c -> selectOne(c, "SELECT " + COLUMNS + " FROM jobs WHERE job_id = ?", jobId));
    }

    /** Reads and locks the row until the current transaction ends. */
    public Optional<Job> lock(String jobId) {
        return db.with(c -> selectOne(c, "SELECT " + COLUMNS + " FROM jobs WHERE job_id = ? FOR UPDATE", jobId));
    }

    /**
     * Locks up to {@code limit} running jobs whose heartbeat is older than {@code staleBefore}, skipping locked ones;
     * the latest heartbeat of the current attempt is in {@code job_liveness} (see {@link JobLivenessStore}).
     */
    public List<Job> lockStaleRunning(Instant staleBefore, int limit) {
        return lockMany("status = 'running' AND " + LAST_SIGN_OF_LIFE + " < ?", staleBefore, limit);
    }

    /**
     * When a running job (a row of {@code jobs}) last showed it is alive: the latest heartbeat of its current attempt,
     * else its start. The reaper and the operators' stuck list judge staleness by this one expression.
     */
    public static final String LAST_SIGN_OF_LIFE = "coalesce(greatest(jobs.heartbeat_at, (SELECT l.heartbeat_at FROM "
            + "job_liveness l WHERE l.job_id = jobs.job_id AND l.attempt = jobs.attempt)), jobs.started_at, "
            + "jobs.updated_at)";

    /**
     * Reads and locks these jobs, in job id order (the order every path that locks several jobs takes), until the
     * current transaction ends; ids without a job are absent from the map.
     */
    public Map<String, Job> lockAll(Collection<String> jobIds) {
        List<Job> locked = db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?)"
                    + " ORDER BY job_id FOR UPDATE")) {
                s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
                return readAll(s);
            }
        });
        Map<String, Job> byId = new HashMap<>();
        locked.forEach(job -> byId.put(job.jobId, job));
        return byId;
    }

    /** Locks those of these jobs no other transaction has locked, in job id order, skipping the others. */
    public List<Job> lockFree(Collection<String> jobIds) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?)"
                    + " ORDER BY job_id FOR UPDATE SKIP LOCKED")) {
                s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
                return readAll(s);
            }
        });
    }

    /** Which of these job ids exist. */
    public Set<String> existing(Collection<String> jobIds) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT job_id FROM jobs WHERE job_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
                Set<String> found = new HashSet<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            }
        });
    }

    private List<Job> lockMany(String where, Instant before, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE " + where
                    + " ORDER BY job_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                Timestamps.set(s, 1, before);
                s.setInt(2, limit);
                return readAll(s);
            }
        });
    }

    /**
     * The org's jobs in {@code created}, counted after taking the org's created-jobs advisory lock for the rest of
     * the transaction (creates of one org wait for each other; other orgs are not affected).
     */
    public long lockAndCountCreated(String orgId) {
        return db.with(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "created-jobs " + orgId);
                lock.executeQuery().close();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM jobs WHERE org_id = ? AND status = 'created'")) {
                s.setString(1, orgId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** Locks up to {@code limit} jobs still in created since before {@code createdBefore}, skipping locked ones. */
    public List<Job> lockCreatedBefore(Instant createdBefore, int limit) {
        return lockMany("status = 'created' AND created_at < ?", createdBefore, limit);
    }

    /**
     * Locks up to {@code limit} finished jobs whose outputs still exist and that finished before {@code finishedBefore},
     * skipping locked ones.
     */
    public List<Job> lockFinishedWithOutputsBefore(Instant finishedBefore, int limit) {
        return lockMany("status IN ('succeeded','failed','cancelled') AND outputs_deleted_at IS NULL "
                + "AND finished_at < ?", finishedBefore, limit);
    }

    /**
     * Locks up to {@code limit} jobs finished before {@code finishedBefore} whose billing is not reserved, the
     * longest-finished first (by {@code jobs_finished_at_idx}), locked in job id order, skipping locked ones.
     */
    public List<Job> lockFinishedBefore(Instant finishedBefore, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE job_id IN ("
                    + "SELECT job_id FROM jobs WHERE finished_at < ? AND status IN ('succeeded','failed','cancelled') "
                    + "AND billing_status <> 'reserved' ORDER BY finished_at LIMIT ?) "
                    + "ORDER BY job_id FOR UPDATE SKIP LOCKED")) {
                Timestamps.set(s, 1, finishedBefore);
                s.setInt(2, limit);
                return readAll(s);
            }
        });
    }

    /** Deletes these jobs' rows (the caller has locked them and removed what refers to them). */
    public int deleteAll(Collection<String> jobIds) {
        return db.with(c -> Sql.deleteOfJobs(c, "jobs", jobIds));
    }

    /** The current attempt and registered outputs of these jobs, by job id (for the storage clean-up). */
    public Map<String, Job> findAll(Collection<String> jobIds) {
        List<Job> found = db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
                return readAll(s);
            }
        });
        Map<String, Job> byId = new HashMap<>();
        found.forEach(job -> byId.put(job.jobId, job));
        return byId;
    }

    /**
     * One page of jobs; {@code total} (all matching the filters) only when asked for, because counting a million
     * rows costs what the page itself does not; {@code next} is where the following page starts, null on the last.
     */
    public record Page(List<Job> jobs, Long total, boolean hasMore, JobQuery.After next) {
    }

    /**
     * One page (see {@link JobListSql}). One more row than the page is read to know whether there is a next page
     * without counting.
     */
    public Page list(JobQuery query) {
        JobListSql.Statement count = JobListSql.count(query);
        String columns = query.includeInputs() ? COLUMNS : COLUMNS.replace(" inputs,", " NULL AS inputs,");
        JobListSql.Statement page = JobListSql.page(query, columns);
        return db.with(c -> {
            Long total = null;
            if (query.includeTotal()) {
                try (PreparedStatement s = count.prepare(c); ResultSet rows = s.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            try (PreparedStatement s = page.prepare(c)) {
                List<Job> jobs = readAll(s);
                boolean hasMore = jobs.size() > query.limit();
                if (hasMore) {
                    jobs = jobs.subList(0, query.limit());
                }
                JobQuery.After nextAfter = hasMore ? afterOf(query.sort(), jobs.get(jobs.size() - 1)) : null;
                return new Page(jobs, total, hasMore, nextAfter);
            }
        });
    }

    /** What a {@link #scan} handed on: how many rows, and where the following chunk starts (null after the last). */
    public record Scan(int rows, JobQuery.After next) {
    }

    /** Takes the rows of a scan one by one, while the result set is open. */
    @FunctionalInterface
    public interface RowSink {
        void accept(JobRow row) throws SQLException;
    }

    /**
     * The same page as {@link #list} (statement, order, the extra row that tells whether more follow, running jobs
     * with their liveness), each row handed to {@code sink} in place instead of made into a {@code Job}: streamed
     * listings write every row straight to JSON, and at a million rows the objects, JSON trees and timestamp
     * conversions of {@link #list} were most of their cost.
     */
    public Scan scan(JobQuery query, RowSink sink) {
        return db.with(c -> scan(c, query, sink));
    }

    /** A page scanned as {@link #scan} does, and the count of every matching job when the query includes it. */
    public record ScannedPage(Long total, Scan scan) {
    }

    /**
     * One page of a listing for the JSON page answers: {@link #scan} and, when asked, the total, on one connection.
     */
    public ScannedPage scanPage(JobQuery query, RowSink sink) {
        return db.with(c -> {
            Long total = null;
            if (query.includeTotal()) {
                try (PreparedStatement s = JobListSql.count(query).prepare(c); ResultSet rows = s.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            return new ScannedPage(total, scan(c, query, sink));
        });
    }

    private static Scan scan(Connection c, JobQuery query, RowSink sink) throws SQLException {
        JobListSql.Statement page = JobListSql.page(query, JobRow.columns(query.includeInputs()));
        try (PreparedStatement s = page.prepare(c); ResultSet rows = s.executeQuery()) {
            JobRow row = new JobRow(rows);
            JobQuery.After last = null;
            int count = 0;
            while (rows.next()) {
                if (count == query.limit()) {
                    return new Scan(count, last);
                }
                sink.accept(row);
                count++;
                if (count == query.limit()) {
                    last = row.after(query.sort());
                }
            }
            return new Scan(count, null);
        }
    }

    private static JobQuery.After afterOf(JobQuery.SortColumn sort, Job last) {
        Object value = switch (sort) {
            case CREATED_AT -> last.createdAt;
            case UPDATED_AT -> last.updatedAt;
            case FINISHED_AT -> last.finishedAt;
            case STATUS -> last.status().wireName();
            case PROCESS_ID -> last.processId;
        };
        return new JobQuery.After(value == null ? null : value.toString(), last.jobId);
    }

    private Optional<Job> selectOne(Connection c, String sql, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            List<Job> jobs = readAll(s);
            return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
        }
    }

    private List<Job> readAll(PreparedStatement s) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                jobs.add(read(rows));
            }
        }
        return jobs;
    }

    private static void bind(PreparedStatement s, Job job) throws SQLException {
        s.setString(1, job.jobId);
        s.setString(2, job.orgId);
        s.setString(3, job.workspaceId);
        s.setString(4, job.projectId);
        s.setString(5, job.principalId);
        s.setString(6, job.processId);
        s.setString(7, job.processVersion);
        s.setString(8, job.jobType);
        s.setString(9, job.queue);
        s.setString(10, job.title);
        s.setString(11, json(job.inputs));
        s.setString(12, job.status().wireName());
        s.setInt(13, job.progress);
        s.setInt(14, job.attempt());
        s.setString(15, job.workerId);
        Timestamps.set(s, 16, job.heartbeatAt);
        Timestamps.set(s, 17, job.queuedAt);
        s.setString(18, job.errorCode());
        s.setString(19, job.errorMessage());
        s.setString(20, job.outputs == null ? null : json(job.outputs));
        Timestamps.set(s, 21, job.outputsDeletedAt);
        s.setLong(22, job.estimatedCredits);
        Job.Billing billing = job.billing();
        s.setLong(23, billing.reservedCredits());
        s.setLong(24, billing.chargedCredits());
        s.setLong(25, billing.releasedCredits());
        s.setString(26, billing.status().wireName());
        Timestamps.set(s, 27, job.createdAt);
        Timestamps.set(s, 28, job.updatedAt);
        Timestamps.set(s, 29, job.startedAt);
        Timestamps.set(s, 30, job.finishedAt);
        s.setString(31, job.inputPins == null ? null : json(job.inputPins));
    }

    private static Job read(ResultSet rows) throws SQLException {
        Job job = Job.stored(JobStatus.fromWireName(rows.getString("status")), rows.getInt("attempt"),
                rows.getString("error_code"), rows.getString("error_message"), new Job.Billing(
                        BillingStatus.valueOf(rows.getString("billing_status").toUpperCase()),
                        rows.getLong("reserved_credits"), rows.getLong("charged_credits"),
                        rows.getLong("released_credits")));
        job.jobId = rows.getString("job_id");
        job.orgId = rows.getString("org_id");
        job.workspaceId = rows.getString("workspace_id");
        job.projectId = rows.getString("project_id");
        job.principalId = rows.getString("principal_id");
        job.processId = rows.getString("process_id");
        job.processVersion = rows.getString("process_version");
        job.jobType = rows.getString("job_type");
        job.queue = rows.getString("queue");
        job.title = rows.getString("title");
        job.inputs = parse(rows.getString("inputs"));
        job.progress = rows.getInt("progress");
        job.workerId = rows.getString("worker_id");
        job.heartbeatAt = Timestamps.get(rows, "heartbeat_at");
        job.queuedAt = Timestamps.get(rows, "queued_at");
        job.outputs = parse(rows.getString("outputs"));
        job.outputsDeletedAt = Timestamps.get(rows, "outputs_deleted_at");
        job.estimatedCredits = rows.getLong("estimated_credits");
        job.createdAt = Timestamps.get(rows, "created_at");
        job.updatedAt = Timestamps.get(rows, "updated_at");
        job.startedAt = Timestamps.get(rows, "started_at");
        job.finishedAt = Timestamps.get(rows, "finished_at");
        job.inputPins = parse(rows.getString("input_pins"));
        job.version = rows.getLong("version");
        return job;
    }

    private static String json(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
