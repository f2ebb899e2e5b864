package com.geopera.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL database {@code gp_test_<random>} with the ledger's migrations applied, dropped on
 * close. The server comes from {@code GEOPERA_TEST_PG_URL}; an unreachable server fails the test.
 */
public final class TestDatabase implements AutoCloseable {
    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final String MIGRATIONS = "classpath:db/migration/ledger";
    private static final int RANDOM_NAME_CHARS = 12;

    private final String adminUrl;
    private final String name;
    private final String url;

    private TestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = withDatabase(adminUrl, name);
    }

    /** Creates the database and migrates it. */
    public static TestDatabase create() {
        TestDatabase database = createEmpty();
        database.migrateTo(null);
        return database;
    }

    /** Creates the database with the migrations up to and including {@code version} only. */
    static TestDatabase createAt(String version) {
        TestDatabase database = createEmpty();
        database.migrateTo(version);
        return database;
    }

    /** Applies the migrations up to {@code version}, or all of them when it is null. */
    void migrateTo(String version) {
        var configuration = Flyway.configure().dataSource(url, null, null).locations(MIGRATIONS);
        if (version != null) {
            configuration.target(version);
        }
        configuration.load().migrate();
    }

    private static TestDatabase createEmpty() {
        String adminUrl = adminUrl();
        String name = "gp_test_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, RANDOM_NAME_CHARS).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement()) {
            sql.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " is required for ledger tests", e);
        }
        return new TestDatabase(adminUrl, name);
    }

    static String adminUrl() {
        String fromEnv = System.getenv("GEOPERA_TEST_PG_URL");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_ADMIN_URL : fromEnv;
    }

    /** A new connection in manual-commit mode, as the api's transaction would hand it over. */
    public Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        return connection;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        }
    }

    /** Replaces the database path of a JDBC URL such as {@code jdbc:postgresql://host:port/db?params}. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int queryStart = jdbcUrl.indexOf('?', hostStart);
        String query = queryStart < 0 ? "" : jdbcUrl.substring(queryStart);
        String hostPart = pathStart < 0 || (queryStart >= 0 && pathStart > queryStart)
                ? jdbcUrl.substring(0, queryStart < 0 ? jdbcUrl.length() : queryStart)
                : jdbcUrl.substring(0, pathStart);
        return hostPart + "/" + database + query;
    }
}
