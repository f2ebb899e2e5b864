package com.geopera.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.messaging.Queues;
import com.geopera.common.messaging.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The whole system on this machine for a test: the packaged api and N workers as real processes, against the
 * test Kafka broker ({@code GEOPERA_TEST_KAFKA}) under a fresh topic prefix and the test PostgreSQL server
 * ({@code GEOPERA_TEST_PG_URL}) in a fresh database, with an org, workspace, project, credits and an API key made
 * through the api's admin operations.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(2)) {
 *     OperationClient api = stack.client();          // bearer = stack.apiKey()
 *     api.ok("processing.execute", Map.of(...));
 * }
 * }</pre>
 * Needs the apps packaged ({@code api/target/quarkus-app}, {@code worker/target/quarkus-app}) and the GDAL
 * bindings in {@code .geopera/native}; the reactor builds them before this module.
 */
public final class LocalStack implements AutoCloseable {
    private static final java.time.Duration GROUP_STABLE_TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;
    /** As the api creates them: every worker of the share group reads the one partition (docs/WORKER.md). */
    private static final int DISPATCH_PARTITIONS = 1;
    private static final String LOOKUP_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private final StackOptions options;
    private final String runId;
    private final Topics topics;
    private final Path runDir;
    private final String database;
    private final String adminKey;
    private final Map<Integer, AppProcess> workers = new HashMap<>();
    private AppProcess api;
    private String orgId;
    private String workspaceId;
    private String projectId;
    private String apiKey;
    private String operatorKey;

    private LocalStack(StackOptions options) {
        this.options = options;
        this.runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.topics = new Topics("sys" + runId);
        this.database = "gp_test_" + runId;
        this.runDir = TestServers.repoRoot().resolve("deploy/system-tests/target/stacks").resolve(runId);
        this.adminKey = newAdminKey();
    }

    /** Starts an api and {@code workers} workers with default options. */
    public static LocalStack start(int workers) {
        return start(StackOptions.workers(workers));
    }

    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
    }

    private void boot() {
        requireFile(apiJar(), "the api is not packaged: ./mvnw -pl api -am package -DskipTests");
        requireFile(workerJar(), "the worker is not packaged: ./mvnw -pl worker -am package -DskipTests");
        requireFile(TestServers.repoRoot().resolve(".geopera/native/libgdalalljni.so"),
                "GDAL bindings missing: deploy/gdal/build-bindings");
        try {
            Files.createDirectories(storageRoot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createDatabase();
        createTopics();
        api = new AppProcess("api", apiJar(), apiEnv(), freePort(), runDir.resolve("api.log"));
        api.start();
        for (int i = 1; i <= options.workers(); i++) {
            startWorker(i);
        }
        if (options.workers() > 0) {
            awaitWorkerGroupStable(options.workers(), GROUP_STABLE_TIMEOUT);
        }
        bootstrapTenant();
    }

    /**
     * Waits until the workers' share group is stable with {@code members} members, each assigned partitions. Workers
     * join one after another (and a worker whose slots are all busy leaves it until one frees, docs/WORKER.md); tests
     * start from a settled group so that the work spreads over all workers from the first job on
     * ({@code WorkerBurstIT} covers a worker joining mid-burst).
     */
    public void awaitWorkerGroupStable(int members, java.time.Duration within) {
        String group = topics.prefix() + "-dispatch";
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()))) {
            while (true) {
                ShareGroupDescription description = describedOrNull(admin, group);
                if (description != null && description.groupState() == GroupState.STABLE
                        && description.members().size() == members
                        && description.members().stream()
                                .noneMatch(m -> m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("share group " + group + " not stable with " + members
                            + " members after " + within + ": "
                            + (description == null ? "no member has joined it" : description));
                }
                AppProcess.sleep(java.time.Duration.ofMillis(200));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe share group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The share group as the broker describes it, or null while it does not exist yet: no worker has joined it so far
     * (the 4.2 admin client answers {@code GroupIdNotFoundException} where older ones described a dead group).
     */
    private static ShareGroupDescription describedOrNull(Admin admin, String group)
            throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException,
            InterruptedException {
        try {
            return admin.describeShareGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    // ---- what tests use ---------------------------------------------------------------------------------------

    /** Base URL of the api, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + api.httpPort();
    }

    /** An API key of the test org with processing scopes, member of the test project. */
    public String apiKey() {
        return apiKey;
    }

    /**
     * An operator key (no org; {@code ops:read} and {@code ops:write}, docs/OPERATIONS-GUIDE.md), made with the admin
     * key on first use.
     */
    public synchronized String operatorKey() {
        if (operatorKey == null) {
            operatorKey = admin().ok("admin.api_keys.create", Map.of("name", "operator",
                    "scopes", List.of("ops:read", "ops:write"))).path("api_key").asText();
        }
        return operatorKey;
    }

    /** A client calling the api with {@link #operatorKey()}. */
    public OperationClient operator() {
        return new OperationClient(url(), operatorKey());
    }

    /** The bootstrap admin key the api was started with. */
    public String adminKey() {
        return adminKey;
    }

    public String orgId() {
        return orgId;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String projectId() {
        return projectId;
    }

    /** A client calling the api with {@link #apiKey()}. */
    public OperationClient client() {
        return new OperationClient(url(), apiKey);
    }

    /** A client calling the api with {@link #apiKey()} on the given HTTP version. */
    public OperationClient client(java.net.http.HttpClient.Version version) {
        return new OperationClient(url(), apiKey, version);
    }

    /** A client calling the api with {@link #adminKey()}. */
    public OperationClient admin() {
        return new OperationClient(url(), adminKey);
    }

    public Topics topics() {
        return topics;
    }

    public String kafkaBootstrap() {
        return TestServers.kafka();
    }

    /** Directory of job outputs shared by the api and the workers. */
    public Path storageRoot() {
        return runDir.resolve("storage");
    }

    /** Directory {@code file:} inputs are read from (the sample imagery). */
    public Path inputRoot() {
        return TestServers.repoRoot().resolve(".geopera/samples");
    }

    /** Where the processes' logs are. */
    public Path runDir() {
        return runDir;
    }

    /** The worker with number {@code i} (1-based), started or not. */
    public AppProcess worker(int i) {
        AppProcess worker = workers.get(i);
        if (worker == null) {
            throw new IllegalArgumentException("no worker " + i);
        }
        return worker;
    }

    public AppProcess api() {
        return api;
    }

    /** Starts worker {@code i} (again, after a kill) and waits until it is ready. */
    public AppProcess startWorker(int i) {
        AppProcess worker = new AppProcess("worker-" + i, workerJar(), workerEnv(i), freePort(),
                runDir.resolve("worker-" + i + ".log"));
        workers.put(i, worker);
        worker.start();
        return worker;
    }

    /** SIGSTOP of worker {@code i}: it is frozen mid-flight and can send nothing until {@link #thawWorker}. */
    public void freezeWorker(int i) {
        worker(i).signal("STOP");
    }

    /** SIGCONT of a worker frozen by {@link #freezeWorker}. */
    public void thawWorker(int i) {
        worker(i).signal("CONT");
    }

    /** SIGKILL of worker {@code i}: it reports nothing more, its jobs' heartbeats stop. */
    public void killWorker(int i) {
        worker(i).kill();
    }

    /** Stops the api (SIGTERM), starts it again on the same port and database, and waits until it is ready. */
    public void restartApi() {
        api.stop();
        api = new AppProcess("api", apiJar(), apiEnv(), api.httpPort(), runDir.resolve("api.log"));
        api.start();
    }

    /** Stops every process and drops the database; the topics and logs stay (their names are unique). */
    public void stop() {
        workers.values().forEach(AppProcess::stop);
        if (api != null) {
            api.stop();
        }
        dropDatabase();
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of every process log, for assertion messages. */
    public String logTails() {
        StringBuilder tails = new StringBuilder();
        if (api != null) {
            tails.append(api.logTail()).append('\n');
        }
        workers.values().forEach(w -> tails.append(w.logTail()).append('\n'));
        return tails.toString();
    }

    // ---- processes --------------------------------------------------------------------------------------------

    private Map<String, String> commonEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", TestServers.kafka());
        env.put("GEOPERA_TOPICS_PREFIX", topics.prefix());
        env.put("GEOPERA_STORAGE_ROOT", storageRoot().toString());
        env.put("GEOPERA_IMAGERY_INPUT_ROOTS", inputRoot().toString());
        return env;
    }

    private Map<String, String> apiEnv() {
        Map<String, String> env = commonEnv();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", databaseUrl());
        env.put("GEOPERA_ADMIN_BOOTSTRAP_KEY", adminKey);
        env.put("GEOPERA_REAPER_INTERVAL", "1s");
        env.put("GEOPERA_REAPER_HEARTBEAT_TIMEOUT", options.reaperHeartbeatTimeout().toString());
        env.put("GEOPERA_TOPICS_PARTITIONS", Integer.toString(PARTITIONS));
        env.put("GEOPERA_TOPICS_DISPATCH_PARTITIONS", Integer.toString(DISPATCH_PARTITIONS));
        env.putAll(options.extraApiEnv());
        return env;
    }

    private Map<String, String> workerEnv(int i) {
        Map<String, String> env = commonEnv();
        env.put("GEOPERA_WORKER_ID", "worker-" + i);
        env.put("GEOPERA_WORKER_MAX_CONCURRENT_JOBS", Integer.toString(options.workerMaxConcurrentJobs()));
        env.put("GEOPERA_WORKER_HEARTBEAT_INTERVAL", "1s");
        env.putAll(options.extraWorkerEnv());
        return env;
    }

    private static Path apiJar() {
        return TestServers.repoRoot().resolve("api/target/quarkus-app/quarkus-run.jar");
    }

    private static Path workerJar() {
        return TestServers.repoRoot().resolve("worker/target/quarkus-app/quarkus-run.jar");
    }

    // ---- tenant -----------------------------------------------------------------------------------------------

    private void bootstrapTenant() {
        OperationClient admin = admin();
        orgId = admin.ok("admin.orgs.create", Map.of("name", "system test " + runId)).path("org_id").asText();
        workspaceId = admin.ok("admin.workspaces.create", Map.of("org_id", orgId, "name", "main"))
                .path("workspace_id").asText();
        projectId = admin.ok("admin.projects.create", Map.of("org_id", orgId, "workspace_id", workspaceId,
                "name", "system tests")).path("project_id").asText();
        admin.ok("admin.credits.grant", Map.of("org_id", orgId, "credits", options.credits()));
        JsonNode key = admin.ok("admin.api_keys.create", Map.of("org_id", orgId, "name", "system tests",
                "scopes", List.of("processing:read", "processing:process", "clip:read", "clip:destroy")));
        apiKey = key.path("api_key").asText();
        admin.ok("admin.projects.members.add", Map.of("project_id", projectId, "key_id",
                key.path("key_id").asText()));
    }

    /** Balance of the test org: {@code posted}, {@code pending}, {@code available}, {@code invariants_ok}. */
    public JsonNode balance() {
        return admin().ok("admin.credits.balance", Map.of("org_id", orgId));
    }

    // ---- servers ----------------------------------------------------------------------------------------------

    /** JDBC URL of the stack's own database, the one its api uses. */
    public String databaseUrl() {
        Matcher m = JDBC_URL.matcher(TestServers.postgresAdminUrl());
        if (!m.matches()) {
            throw new IllegalStateException("cannot read GEOPERA_TEST_PG_URL " + TestServers.postgresAdminUrl());
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    private void createDatabase() {
        sql("CREATE DATABASE " + database);
    }

    private void dropDatabase() {
        try {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException e) {
            // Left behind for inspection when the server went away; the name is unique to this run.
        }
    }

    private static void sql(String statement) {
        try (Connection connection = DriverManager.getConnection(TestServers.postgresAdminUrl());
             Statement st = connection.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + TestServers.postgresAdminUrl() + ": " + statement, e);
        }
    }

    private void createTopics() {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String queue : Queues.DEFAULT) {
            newTopics.add(new NewTopic(topics.dispatch(queue), DISPATCH_PARTITIONS, (short) 1));
            newTopics.add(new NewTopic(topics.deadLetter(topics.dispatch(queue)), PARTITIONS, (short) 1));
        }
        for (String topic : List.of(topics.events(), topics.control())) {
            newTopics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            newTopics.add(new NewTopic(topics.deadLetter(topic), PARTITIONS, (short) 1));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on Kafka at " + TestServers.kafka(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newAdminKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("gpra_");
        for (int i = 0; i < 12; i++) {
            key.append(LOOKUP_ALPHABET.charAt(random.nextInt(LOOKUP_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return key.append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).toString();
    }

    private static void requireFile(Path file, String hint) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " missing: " + hint);
        }
    }
}
