package com.geopera.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.geopera.common.jdbc.Timestamps;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.WorkerHeartbeat;
import com.geopera.common.messaging.WorkerHeartbeat.OwnedPartition;
import com.geopera.common.messaging.WorkerHeartbeat.RunningAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code ops_workers} table: the latest heartbeat of each worker process. */
@ApplicationScoped
public class WorkerRegistryStore {
    private static final TypeReference<List<RunningAttempt>> RUNNING = new TypeReference<>() {
    };
    private static final TypeReference<List<OwnedPartition>> PARTITIONS = new TypeReference<>() {
    };

    @Inject
    Db db;

    /** A worker as its last heartbeat described it; {@code lastHeartbeatAt} is when that heartbeat was sent. */
    public record Worker(String workerId, String version, List<String> queues, int slots, int slotsBusy,
            List<RunningAttempt> running, List<OwnedPartition> partitions, Instant startedAt, Instant lastHeartbeatAt) {
    }

    /**
     * Keeps the heartbeat unless a later one of the worker is already there. It counts from when it was sent, but
     * never later than it was received: a heartbeat read late (an api that was down) does not make a dead worker look
     * alive, and a worker clock ahead of ours does not either.
     */
    public void record(WorkerHeartbeat heartbeat, Instant receivedAt) {
        Instant at = heartbeat.sentAt() == null || heartbeat.sentAt().isAfter(receivedAt) ? receivedAt
                : heartbeat.sentAt();
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ops_workers AS w (worker_id, version, queues, "
                    + "slots, slots_busy, running, partitions, started_at, last_heartbeat_at) "
                    + "VALUES (?,?,?,?,?,CAST(? AS jsonb),CAST(? AS jsonb),?,?) ON CONFLICT (worker_id) DO UPDATE SET "
                    + "version = excluded.version, queues = excluded.queues, slots = excluded.slots, "
                    + "slots_busy = excluded.slots_busy, running = excluded.running, partitions = excluded.partitions, "
                    + "started_at = excluded.started_at, last_heartbeat_at = excluded.last_heartbeat_at "
                    + "WHERE w.last_heartbeat_at <= excluded.last_heartbeat_at")) {
                s.setString(1, heartbeat.workerId());
                s.setString(2, heartbeat.version() == null ? "unknown" : heartbeat.version());
                s.setArray(3, c.createArrayOf("text", heartbeat.queues() == null ? new Object[0]
                        : heartbeat.queues().toArray()));
                s.setInt(4, heartbeat.slots());
                s.setInt(5, heartbeat.slotsBusy());
                s.setString(6, json(heartbeat.running() == null ? List.of() : heartbeat.running()));
                s.setString(7, json(heartbeat.partitions() == null ? List.of() : heartbeat.partitions()));
                Timestamps.set(s, 8, heartbeat.startedAt() == null ? at : heartbeat.startedAt());
                Timestamps.set(s, 9, at);
                return s.executeUpdate();
            }
        });
    }

    /** Workers heard from at or after {@code since}, by id. */
    public List<Worker> heardSince(Instant since) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT worker_id, version, queues, slots, slots_busy, "
                    + "running::text, partitions::text, started_at, last_heartbeat_at FROM ops_workers "
                    + "WHERE last_heartbeat_at >= ? ORDER BY worker_id")) {
                Timestamps.set(s, 1, since);
                List<Worker> workers = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        workers.add(new Worker(r.getString(1), r.getString(2),
                                Arrays.asList((String[]) r.getArray(3).getArray()), r.getInt(4), r.getInt(5),
                                read(r.getString(6), RUNNING), read(r.getString(7), PARTITIONS),
                                Timestamps.get(r, "started_at"), Timestamps.get(r, "last_heartbeat_at")));
                    }
                }
                return workers;
            }
        });
    }

    /** Forgets workers not heard from since {@code before}; returns how many. */
    public int forgetSilentSince(Instant before) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ops_workers WHERE last_heartbeat_at < ?")) {
                Timestamps.set(s, 1, before);
                return s.executeUpdate();
            }
        });
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ops_workers row: " + e.getMessage(), e);
        }
    }
}
