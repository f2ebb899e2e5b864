package com.geopera.api.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * Which database failures are worth trying again: the connection broke or was refused, the server is shutting
 * down or out of resources, or the transaction lost a deadlock or serialization conflict. Anything else (a
 * constraint, a bad statement) fails the same way every time.
 */
public final class TransientFailures {
    /**
     * SQLSTATE classes and codes: 08 connection exception, 40 transaction rollback (40001 serialization,
     * 40P01 deadlock), 53 insufficient resources, 57P01–57P03 admin/crash shutdown and cannot connect now.
     */
    private static final List<String> TRANSIENT_STATES = List.of("08", "40", "53", "57P01", "57P02", "57P03");

    private TransientFailures() {
    }

    /** True when some cause of {@code failure} is a database error that a later try may not meet. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
