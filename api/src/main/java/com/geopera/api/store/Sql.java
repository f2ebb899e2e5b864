package com.geopera.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;

/** Small JDBC conversions shared by the stores. */
final class Sql {
    private Sql() {
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Deletes the rows of {@code table} (a constant, never input) that belong to these jobs; returns how many. */
    static int deleteOfJobs(Connection c, String table, Collection<String> jobIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
            return s.executeUpdate();
        }
    }
}
