package com.geopera.api;

import io.agroal.api.AgroalDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Many jobs of one org for tests, made by api/bench's seeding SQL (the benchmark's mix of jobs). */
final class SeededJobs {
    private SeededJobs() {
    }

    /** Seeds {@code count} jobs of the org (made with its workspaces and projects if missing) in c's transaction. */
    static void seed(Connection c, String orgId, int count) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL seed.org_id = '" + orgId + "'");
            s.execute("SET LOCAL seed.jobs = '" + count + "'");
            s.execute(Files.readString(Path.of("bench/seed-jobs.sql")));
        }
    }

    /**
     * Seeds and commits jobs of the org and keeps the finished ones only: the reaper and the created-job expiry
     * would change the others while a test reads them.
     */
    static void seedFinished(AgroalDataSource dataSource, String orgId, int count) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            seed(c, orgId, count);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM jobs WHERE org_id = ? "
                    + "AND status NOT IN ('succeeded', 'failed', 'cancelled')")) {
                s.setString(1, orgId);
                s.executeUpdate();
            }
            c.commit();
        }
    }

    /** The first column of every row of a query with one text argument. */
    static List<String> strings(AgroalDataSource dataSource, String sql, String argument) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, argument);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
