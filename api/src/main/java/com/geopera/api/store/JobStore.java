package com.geopera.api.store;

import com.geopera.api.Job;
import com.geopera.api.store.entity.JobEntity;
import com.geopera.common.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.hibernate.StatelessSession;
import org.hibernate.query.NativeQuery;

/**
 * The {@code jobs} table: rows are {@link JobEntity}s read and written through a Hibernate stateless session and
 * handed out as {@link Job} aggregates ({@link JobEntityMapping}). Stateless, so nothing a caller does to a job in
 * memory (the liveness overlay, a refused change) is ever written unless {@link #update} is called, and no read
 * keeps a copy of the row to compare at commit. Updates are optimistic on {@code @Version} (callers lock the row
 * first); the locking reads are SQL ({@code FOR UPDATE [SKIP LOCKED]}), as are the listings (below).
 */
@ApplicationScoped
public class JobStore {
    private static final String COLUMNS = "job_id, org_id, workspace_id, project_id, principal_id, process_id, "
            + "process_version, job_type, queue, title, inputs, status, progress, attempt, worker_id, heartbeat_at, "
            + "queued_at, error_code, error_message, outputs, outputs_deleted_at, estimated_credits, reserved_credits, "
            + "charged_credits, released_credits, billing_status, created_at, updated_at, started_at, finished_at, input_pins, version";

    @Inject
    StatelessSession session;
    @Inject
    Db db;

    public void insert(Job job) {
        session.insert(JobEntityMapping.toEntity(job));
    }

    /**
     * Writes the job's row if nobody changed it since it was read ({@code WHERE version = ?}) and bumps
     * {@code version}; a stale version is an {@link OptimisticLockException} and nothing is written.
     */
    public void update(Job job) {
        JobEntity row = JobEntityMapping.toEntity(job);
        try {
            session.update(row);
        } catch (StaleStateException stale) {
            throw new OptimisticLockException("job " + job.jobId + " changed concurrently", stale, row);
        }
        job.version = row.version;
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(session.get(JobEntity.class, jobId)).map(JobEntityMapping::toJob);
    }

    /** Reads and locks the row until the current transaction ends. */
    public Optional<Job> lock(String jobId) {
        return select("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ?1 FOR UPDATE").setParameter(1, jobId)
                .getResultStream().findFirst().map(JobEntityMapping::toJob);
    }

    /**
     * Locks up to {@code limit} running jobs whose heartbeat is older than {@code staleBefore}, skipping locked ones;
     * the latest heartbeat of the current attempt is in {@code job_liveness} (see {@link JobLivenessStore}).
     */
    public List<Job> lockStaleRunning(Instant staleBefore, int limit) {
        return lockMany("status = 'running' AND " + LAST_SIGN_OF_LIFE + " < ?1", staleBefore, limit);
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
        return byId(jobs(select("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?1) ORDER BY job_id FOR UPDATE")
                .setParameter(1, ids(jobIds))));
    }

    /** Locks those of these jobs no other transaction has locked, in job id order, skipping the others. */
    public List<Job> lockFree(Collection<String> jobIds) {
        return jobs(select("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?1) ORDER BY job_id "
                + "FOR UPDATE SKIP LOCKED").setParameter(1, ids(jobIds)));
    }

    /** Which of these job ids exist. */
    public Set<String> existing(Collection<String> jobIds) {
        return new HashSet<>(session.createNativeQuery("SELECT job_id FROM jobs WHERE job_id = ANY(?1)", String.class)
                .setParameter(1, ids(jobIds)).getResultList());
    }

    private List<Job> lockMany(String where, Instant before, int limit) {
        return jobs(select("SELECT " + COLUMNS + " FROM jobs WHERE " + where + " ORDER BY job_id LIMIT ?2 "
                + "FOR UPDATE SKIP LOCKED").setParameter(1, before).setParameter(2, limit));
    }

    /**
     * The org's jobs in {@code created}, counted after taking the org's created-jobs advisory lock for the rest of
     * the transaction (creates of one org wait for each other; other orgs are not affected).
     */
    public long lockAndCountCreated(String orgId) {
        session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))", Object.class)
                .setParameter(1, "created-jobs " + orgId).getSingleResult();
        return session.createSelectionQuery("SELECT count(*) FROM JobEntity WHERE orgId = ?1 AND status = ?2",
                Long.class).setParameter(1, orgId).setParameter(2, JobStatus.CREATED).getSingleResult();
    }

    /** Locks up to {@code limit} jobs still in created since before {@code createdBefore}, skipping locked ones. */
    public List<Job> lockCreatedBefore(Instant createdBefore, int limit) {
        return lockMany("status = 'created' AND created_at < ?1", createdBefore, limit);
    }

    /**
     * Locks up to {@code limit} finished jobs whose outputs still exist and that finished before {@code finishedBefore},
     * skipping locked ones.
     */
    public List<Job> lockFinishedWithOutputsBefore(Instant finishedBefore, int limit) {
        return lockMany("status IN ('succeeded','failed','cancelled') AND outputs_deleted_at IS NULL "
                + "AND finished_at < ?1", finishedBefore, limit);
    }

    /**
     * Locks up to {@code limit} jobs finished before {@code finishedBefore} whose billing is not reserved, the
     * longest-finished first (by {@code jobs_finished_at_idx}), locked in job id order, skipping locked ones.
     */
    public List<Job> lockFinishedBefore(Instant finishedBefore, int limit) {
        return jobs(select("SELECT " + COLUMNS + " FROM jobs WHERE job_id IN ("
                + "SELECT job_id FROM jobs WHERE finished_at < ?1 AND status IN ('succeeded','failed','cancelled') "
                + "AND billing_status <> 'reserved' ORDER BY finished_at LIMIT ?2) "
                + "ORDER BY job_id FOR UPDATE SKIP LOCKED").setParameter(1, finishedBefore).setParameter(2, limit));
    }

    /** Deletes these jobs' rows (the caller has locked them and removed what refers to them). */
    public int deleteAll(Collection<String> jobIds) {
        return session.createMutationQuery("DELETE FROM JobEntity WHERE jobId IN (?1)").setParameter(1, jobIds)
                .executeUpdate();
    }

    /** The current attempt and registered outputs of these jobs, by job id (for the storage clean-up). */
    public Map<String, Job> findAll(Collection<String> jobIds) {
        return byId(jobs(select("SELECT " + COLUMNS + " FROM jobs WHERE job_id = ANY(?1)")
                .setParameter(1, ids(jobIds))));
    }

    /**
     * One page of jobs; {@code total} (all matching the filters) only when asked for, because counting a million
     * rows costs what the page itself does not; {@code next} is where the following page starts, null on the last.
     */
    public record Page(List<Job> jobs, Long total, boolean hasMore, JobQuery.After next) {
    }

    /**
     * One page (see {@link JobListSql}) as {@code Job}s: the statement of the listings, its rows read as entities.
     * One more row than the page is read to know whether there is a next page without counting.
     */
    public Page list(JobQuery query) {
        Long total = null;
        if (query.includeTotal()) {
            JobListSql.Statement count = JobListSql.count(query);
            total = bound(session.createNativeQuery(count.sql(), Long.class), count).getSingleResult();
        }
        String columns = query.includeInputs() ? COLUMNS : COLUMNS.replace(" inputs,", " NULL AS inputs,");
        JobListSql.Statement page = JobListSql.page(query, columns);
        List<Job> jobs = jobs(bound(select(page.sql()), page));
        boolean hasMore = jobs.size() > query.limit();
        if (hasMore) {
            jobs = jobs.subList(0, query.limit());
        }
        JobQuery.After nextAfter = hasMore ? afterOf(query.sort(), jobs.get(jobs.size() - 1)) : null;
        return new Page(jobs, total, hasMore, nextAfter);
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

    /** A native query whose rows are whole {@code jobs} rows. */
    private NativeQuery<JobEntity> select(String sql) {
        return session.createNativeQuery(sql, JobEntity.class);
    }

    private static <T> NativeQuery<T> bound(NativeQuery<T> query, JobListSql.Statement statement) {
        List<Object> args = statement.args();
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            query.setParameter(i + 1, arg instanceof List<?> list ? list.toArray(String[]::new) : arg);
        }
        return query;
    }

    private static List<Job> jobs(NativeQuery<JobEntity> query) {
        return query.getResultStream().map(JobEntityMapping::toJob).collect(Collectors.toCollection(ArrayList::new));
    }

    private static Map<String, Job> byId(List<Job> jobs) {
        Map<String, Job> byId = new HashMap<>();
        jobs.forEach(job -> byId.put(job.jobId, job));
        return byId;
    }

    /** Job ids as a {@code text[]} parameter ({@code = ANY(?)}: one statement whatever their number). */
    private static String[] ids(Collection<String> jobIds) {
        return jobIds.toArray(String[]::new);
    }
}
