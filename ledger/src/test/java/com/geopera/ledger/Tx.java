package com.geopera.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/** Runs one ledger call as the api would: in its own transaction, committed on return, rolled back on failure. */
final class Tx {
    private Tx() {
    }

    static <T> T commit(Connection connection, Function<Connection, T> work) throws SQLException {
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
