package com.geopera.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/** Small JDBC statements shared by the stores (times: common {@code jdbc.Timestamps}). */
final class Sql {
    private Sql() {
    }

    /** Deletes the rows of {@code table} (a constant, never input) that belong to these jobs; returns how many. */
    static int deleteOfJobs(Connection c, String table, Collection<String> jobIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
            return s.executeUpdate();
        }
    }
}
