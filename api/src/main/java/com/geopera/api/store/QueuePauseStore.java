package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ops_queue_pauses} table: one row per paused queue. The outbox relay does not claim dispatch rows of a
 * paused queue's topic ({@link OutboxStore#claim}).
 */
@ApplicationScoped
public class QueuePauseStore {
    @Inject
    Db db;

    /** A paused queue: since when, by whom, why. */
    public record Pause(String queue, String topic, Instant pausedAt, String pausedBy, String reason) {
    }

    /** Pauses the queue; false when it already was (the existing pause is kept as it was). */
    public boolean pause(Pause pause) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ops_queue_pauses (queue, topic, paused_at, "
                    + "paused_by, reason) VALUES (?,?,?,?,?) ON CONFLICT (queue) DO NOTHING")) {
                s.setString(1, pause.queue());
                s.setString(2, pause.topic());
                Timestamps.set(s, 3, pause.pausedAt());
                s.setString(4, pause.pausedBy());
                s.setString(5, pause.reason());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Ends the queue's pause; false when it was not paused. */
    public boolean resume(String queue) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ops_queue_pauses WHERE queue = ?")) {
                s.setString(1, queue);
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<Pause> find(String queue) {
        return Optional.ofNullable(all().get(queue));
    }

    /** Every paused queue by name. */
    public Map<String, Pause> all() {
        return db.with(c -> {
            Map<String, Pause> pauses = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT queue, topic, paused_at, paused_by, reason "
                    + "FROM ops_queue_pauses ORDER BY queue"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pauses.put(r.getString(1), new Pause(r.getString(1), r.getString(2), Timestamps.get(r, "paused_at"),
                            r.getString(4), r.getString(5)));
                }
            }
            return pauses;
        });
    }
}
