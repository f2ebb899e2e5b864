package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code dispatch_positions} table: for each job, the topic, partition and offset of its current attempt's
 * dispatch record, so the reaper can tell a record still waiting in its queue from one a worker consumed.
 */
@ApplicationScoped
public class DispatchPositionStore {
    @Inject
    Db db;

    /** A dispatch record the broker acknowledged. */
    public record Sent(String jobId, int attempt, String topic, int partition, long offset) {
    }

    /**
     * A queued job past the queued timeout whose record is not known to wait in its queue: either consumed by a
     * worker ({@code positioned}), or with no recorded position and nothing left unsent for it in the outbox (a
     * dispatch published before positions were recorded).
     */
    public record Candidate(String jobId, boolean positioned, Instant consumedSeenAt) {
    }

    /**
     * Records where each record landed. An attempt never goes back; a record of the same attempt sent twice (the
     * relay is at least once) keeps the later offset, the one a worker reaches last.
     */
    public void record(List<Sent> sent, Instant now) {
        if (sent.isEmpty()) {
            return;
        }
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dispatch_positions (job_id, attempt, topic, "
                    + "kafka_partition, kafka_offset, sent_at) VALUES (?,?,?,?,?,?) "
                    + "ON CONFLICT (job_id) DO UPDATE SET attempt = excluded.attempt, "
                    + "topic = excluded.topic, kafka_partition = excluded.kafka_partition, "
                    + "kafka_offset = excluded.kafka_offset, sent_at = excluded.sent_at, consumed_seen_at = NULL "
                    + "WHERE excluded.attempt > dispatch_positions.attempt "
                    + "OR (excluded.attempt = dispatch_positions.attempt "
                    + "AND excluded.kafka_offset > dispatch_positions.kafka_offset)")) {
                for (Sent each : sent) {
                    s.setString(1, each.jobId());
                    s.setInt(2, each.attempt());
                    s.setString(3, each.topic());
                    s.setInt(4, each.partition());
                    s.setLong(5, each.offset());
                    Timestamps.set(s, 6, now);
                    s.addBatch();
                }
                s.executeBatch();
                return null;
            }
        });
    }

    /**
     * Queued jobs queued before {@code queuedBefore} whose current record was consumed ({@code committed}: the
     * group's next offset per partition; a partition without a commit has consumed nothing) or whose position is
     * unknown and not pending in the outbox. Oldest first; nothing is locked.
     */
    public List<Candidate> notWaiting(Instant queuedBefore, Map<TopicPartition, Long> committed, int limit) {
        return db.with(c -> {
            List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
            Array topics = c.createArrayOf("text", partitions.stream().map(TopicPartition::topic).toArray());
            Array numbers = c.createArrayOf("integer", partitions.stream().map(TopicPartition::partition).toArray());
            Array offsets = c.createArrayOf("bigint", partitions.stream().map(committed::get).toArray());
            try (PreparedStatement s = c.prepareStatement("SELECT j.job_id, p.job_id IS NOT NULL AS positioned, "
                    + "p.consumed_seen_at FROM jobs j LEFT JOIN dispatch_positions p ON p.job_id = j.job_id "
                    + "AND p.attempt = j.attempt WHERE j.status = 'queued' AND j.queued_at < ? AND CASE "
                    + "WHEN p.job_id IS NULL THEN NOT EXISTS (SELECT 1 FROM outbox o WHERE o.sent_at IS NULL "
                    + "AND o.message_key = j.job_id) "
                    + "ELSE p.kafka_offset < coalesce((SELECT g.next_offset FROM unnest(?, ?, ?) AS "
                    + "g(topic, kafka_partition, next_offset) WHERE g.topic = p.topic "
                    + "AND g.kafka_partition = p.kafka_partition), -1) END "
                    + "ORDER BY j.queued_at, j.job_id LIMIT ?")) {
                Timestamps.set(s, 1, queuedBefore);
                s.setArray(2, topics);
                s.setArray(3, numbers);
                s.setArray(4, offsets);
                s.setInt(5, limit);
                List<Candidate> found = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Candidate(rows.getString(1), rows.getBoolean(2),
                                Timestamps.get(rows, "consumed_seen_at")));
                    }
                }
                return found;
            }
        });
    }

    /** Notes the first time the job's current record was seen consumed while the job was still queued. */
    public void markConsumedSeen(String jobId, int attempt, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE dispatch_positions SET consumed_seen_at = ? "
                    + "WHERE job_id = ? AND attempt = ? AND consumed_seen_at IS NULL")) {
                Timestamps.set(s, 1, now);
                s.setString(2, jobId);
                s.setInt(3, attempt);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Deletes the positions of jobs that finished before {@code finishedBefore} (at most {@code limit}): only a queued
     * job's position is ever read, and a job that is dispatched again records a new one.
     */
    public int deleteOfJobsFinishedBefore(Instant finishedBefore, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM dispatch_positions WHERE job_id IN (SELECT "
                    + "p.job_id FROM dispatch_positions p JOIN jobs j ON j.job_id = p.job_id WHERE j.status IN "
                    + "('succeeded', 'failed', 'cancelled') AND j.finished_at < ? LIMIT ? "
                    + "FOR UPDATE OF p SKIP LOCKED)")) {
                Timestamps.set(s, 1, finishedBefore);
                s.setInt(2, limit);
                return s.executeUpdate();
            }
        });
    }

    /** Deletes the positions of these jobs (jobs deleted by retention). */
    public int deleteOfJobs(Collection<String> jobIds) {
        return db.with(c -> Sql.deleteOfJobs(c, "dispatch_positions", jobIds));
    }
}
