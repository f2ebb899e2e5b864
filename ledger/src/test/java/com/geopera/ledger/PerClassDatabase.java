package com.geopera.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated {@link TestDatabase} shared by the tests of one class: created before the first, dropped after the
 * last. Register it with {@code @RegisterExtension static final PerClassDatabase database = new PerClassDatabase();}.
 */
final class PerClassDatabase implements BeforeAllCallback, AfterAllCallback {
    private TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        database.close();
    }

    /** A new connection in manual-commit mode, as the api's transaction would hand it over. */
    Connection open() throws SQLException {
        return database.open();
    }
}
