package com.geopera.api.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * JDBC access for the stores. Inside a {@code @Transactional} method the connection is the one enlisted in the
 * JTA transaction (the ledger gets the same one), so job rows, holds and outbox rows commit together.
 */
@ApplicationScoped
public class Db {
    @Inject
    AgroalDataSource dataSource;

    /** Work with a connection that may throw SQL errors. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    public <T> T with(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** A database failure (becomes 500; the transaction rolls back). */
    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
