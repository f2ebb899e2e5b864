package com.geopera.common.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from PostgreSQL {@code timestamptz}, at the microsecond precision it stores: the one JDBC time
 * conversion of the ledger and the api. Goes through {@link OffsetDateTime} (JDBC 4.2), which the driver binds and
 * parses directly; {@code java.sql.Timestamp} would go through the JVM's default time zone and a {@code Calendar}.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** Truncated so that what we return equals what a later read gives back. */
    public static Instant toDbPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds {@code instant} (null binds SQL NULL). */
    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /** The column's instant, or null for SQL NULL. */
    public static Instant get(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The column's instant by position, or null for SQL NULL. */
    public static Instant get(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
