package com.geopera.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Gives the test run its own PostgreSQL database ({@code gp_test_<random>} on GEOPERA_TEST_PG_URL) and its own
 * Kafka topic prefix on GEOPERA_TEST_KAFKA, plus a storage directory and a bootstrap admin key. Unreachable servers
 * fail the run; nothing is skipped.
 */
public class RealServers implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_KEY = "gpra_testbootstrap" + UUID.randomUUID().toString().replace("-", "");
    public static volatile String kafka;
    public static volatile String prefix;
    public static volatile Path storageRoot;
    public static volatile Path samples;
    /** A second input root, empty at start, where tests put the hostile files they submit. */
    public static volatile Path untrustedInputs;

    private String adminUrl;
    private String database;

    @Override
    public Map<String, String> start() {
        adminUrl = env("GEOPERA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        kafka = kafkaBootstrap();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        database = "gp_test_" + suffix;
        prefix = "gptest" + suffix;
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " is unreachable: " + e.getMessage(), e);
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin client = Admin.create(admin)) {
            client.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + kafka + " is unreachable (deploy/infra/kafka start --port 19092): "
                    + e.getMessage(), e);
        }
        samples = repoRoot().resolve(".geopera/samples");
        try {
            storageRoot = Files.createTempDirectory("gp-api-storage-");
            untrustedInputs = Files.createTempDirectory("gp-api-untrusted-inputs-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", databaseUrl());
        config.put("kafka.bootstrap.servers", kafka);
        config.put("geopera.topics.prefix", prefix);
        config.put("geopera.topics.partitions", "2");
        // Two dispatch partitions, as an older deployment's topics may have: the ops views list each one.
        config.put("geopera.topics.dispatch-partitions", "2");
        config.put("geopera.storage.root", storageRoot.toString());
        config.put("geopera.admin.bootstrap-key", ADMIN_KEY);
        config.put("geopera.imagery.input-roots", samples + "," + untrustedInputs);
        // http(s) inputs: tests' own servers listen on loopback (switched on for tests only); the metadata address
        // is on the list so that the address check, not the list, is what refuses it
        config.put("geopera.imagery.allowed-hosts", "127.0.0.1,169.254.169.254");
        config.put("geopera.imagery.allow-loopback-hosts", "true");
        // Tests run reaper passes themselves, at times they choose.
        config.put("geopera.reaper.interval", "1h");
        config.put("geopera.expiry.interval", "1h");
        config.put("geopera.retention.interval", "1h");
        return config;
    }

    /** The broker this run uses: the shared test broker; {@link PrivateBroker} starts one of its own. */
    protected String kafkaBootstrap() {
        return env("GEOPERA_TEST_KAFKA", "127.0.0.1:19092");
    }

    /** The repository root (deploy scripts, samples). */
    static Path repoRoot() {
        return Path.of(System.getProperty("geopera.repo.root", "..")).toAbsolutePath().normalize();
    }

    private String databaseUrl() {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (Exception e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
