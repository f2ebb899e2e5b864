package com.geopera.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The servers of the outage tests: a Kafka broker of their own ({@link PrivateBroker}) and the shared PostgreSQL
 * behind a {@link PostgresProxy}, so a test can really stop the broker or cut the database. One profile for every
 * such test, so the app (tag {@code own-app}, a JVM of its own) starts once for all of them.
 */
public class OwnServers extends PrivateBroker {
    private static final String DATASOURCE_URL = "quarkus.datasource.jdbc.url";
    private static volatile PostgresProxy database;

    /** The app against {@link OwnServers}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnServers.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Retry soon after the broker is back, so the test does not wait out the default pause; during a database
            // cut a request waits at most this long for a connection.
            return Map.of("geopera.outbox.retry-backoff", "PT0.5S",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT3S",
                    "geopera.database.retry-after", "PT7S");
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        String url = config.get(DATASOURCE_URL);
        URI server = URI.create(url.substring("jdbc:".length()));
        database = new PostgresProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
        database.start();
        config.put(DATASOURCE_URL, url.replaceFirst("//[^/]+/", "//127.0.0.1:" + database.port() + "/"));
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        super.stop();
    }

    /** PostgreSQL becomes unreachable for the app: open connections closed, new ones refused. */
    public static void cutDatabase() {
        database.cut();
    }

    /** PostgreSQL is reachable again on the same address. */
    public static void restoreDatabase() {
        database.start();
    }

    /** Restores the database after a test that failed while it was cut, so the next test finds it. */
    public static void restoreDatabaseIfCut() {
        if (!database.listening()) {
            database.start();
        }
    }
}
