package com.geopera.ledger;

import java.sql.SQLException;

/**
 * The database failed or refused a statement (connection lost, a constraint fired). Not a business
 * outcome: those are result values. The caller's transaction must be rolled back.
 */
public final class LedgerStorageException extends RuntimeException {

    LedgerStorageException(String operation, SQLException cause) {
        super("ledger " + operation + " failed: " + cause.getMessage(), cause);
    }
}
