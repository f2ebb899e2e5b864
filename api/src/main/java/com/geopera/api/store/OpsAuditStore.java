package com.geopera.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.jdbc.Timestamps;
import com.geopera.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code ops_audit} table: every operator action, append-only. */
@ApplicationScoped
public class OpsAuditStore {
    @Inject
    Db db;

    /** One action: who (principal, key or session), what, on what, why, when. */
    public record Entry(long auditId, Instant at, String principalId, String keyId, String sessionId, String action,
            String target, String reason, ObjectNode detail) {
    }

    /** Appends the entry (its {@code auditId} is ignored) and returns its id. */
    public long append(Entry entry) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ops_audit (at, principal_id, key_id, session_id, "
                    + "action, target, reason, detail) VALUES (?,?,?,?,?,?,?,CAST(? AS jsonb)) RETURNING audit_id")) {
                Timestamps.set(s, 1, entry.at());
                s.setString(2, entry.principalId());
                s.setString(3, entry.keyId());
                s.setString(4, entry.sessionId());
                s.setString(5, entry.action());
                s.setString(6, entry.target());
                s.setString(7, entry.reason());
                s.setString(8, Json.mapper().writeValueAsString(entry.detail()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Up to {@code limit} entries older than {@code beforeId} (all when null), newest first. */
    public List<Entry> page(int limit, Long beforeId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT audit_id, at, principal_id, key_id, session_id, "
                    + "action, target, reason, detail::text FROM ops_audit WHERE (? IS NULL OR audit_id < ?) "
                    + "ORDER BY audit_id DESC LIMIT ?")) {
                if (beforeId == null) {
                    s.setNull(1, Types.BIGINT);
                    s.setNull(2, Types.BIGINT);
                } else {
                    s.setLong(1, beforeId);
                    s.setLong(2, beforeId);
                }
                s.setInt(3, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new Entry(r.getLong(1), Timestamps.get(r, "at"), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                                (ObjectNode) Json.mapper().readTree(r.getString(9))));
                    }
                }
                return entries;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
