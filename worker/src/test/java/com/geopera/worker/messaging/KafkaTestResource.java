package com.geopera.worker.messaging;

import com.geopera.common.messaging.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Points the worker at the real test broker ({@code GEOPERA_TEST_KAFKA}, default 127.0.0.1:19092) under a
 * fresh topic prefix whose topics are created up front, with fresh output storage and the sample imagery (plus a
 * large synthetic raster for long runs) as input roots.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    static final List<String> QUEUES = List.of("clip", "bathy", "analysis", "conversion", "terrain");
    /** Partitions of the dispatch topics unless the test names another count ({@link #DISPATCH_PARTITIONS_ARG}). */
    static final int DISPATCH_PARTITIONS = 4;
    /** The {@code @ResourceArg} that sets the dispatch topics' partition count. */
    static final String DISPATCH_PARTITIONS_ARG = "dispatch-partitions";
    /** The {@code @ResourceArg} that names the queues the worker serves (default: all). */
    static final String WORKER_QUEUES_ARG = "worker-queues";
    static final int EVENT_PARTITIONS = 3;

    static String bootstrap() {
        String value = System.getenv("GEOPERA_TEST_KAFKA");
        return value == null || value.isBlank() ? "127.0.0.1:19092" : value;
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("geopera.repo.root", "..")).toAbsolutePath().normalize();
    }

    private int dispatchPartitions = DISPATCH_PARTITIONS;
    private String workerQueues;

    @Override
    public void init(Map<String, String> initArgs) {
        String partitions = initArgs.get(DISPATCH_PARTITIONS_ARG);
        if (partitions != null) {
            dispatchPartitions = Integer.parseInt(partitions);
        }
        workerQueues = initArgs.get(WORKER_QUEUES_ARG);
    }

    @Override
    public Map<String, String> start() {
        String prefix = "wt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        createTopics(new Topics(prefix));
        Path samples = repoRoot().resolve(".geopera/samples");
        if (!Files.isRegularFile(samples.resolve("elev.tif"))) {
            throw new IllegalStateException("sample imagery missing in " + samples + " (run deploy/samples/fetch)");
        }
        Path target = Path.of("target").toAbsolutePath();
        Path storage = target.resolve("test-storage").resolve(prefix);
        Path bigInputs = target.resolve("test-inputs");
        BigLuxRaster.ensure(bigInputs.resolve(BigLuxRaster.FILE_NAME));
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrap(),
                "geopera.topics.prefix", prefix,
                "geopera.storage.root", storage.toString(),
                "geopera.imagery.input-roots", samples + "," + bigInputs,
                "geopera.worker.id", "test-worker-" + prefix,
                "geopera.worker.heartbeat-interval", "1s",
                "geopera.worker.retry.initial-backoff", "100ms"));
        if (workerQueues != null) {
            config.put("geopera.worker.queues", workerQueues);
        }
        return config;
    }

    private void createTopics(Topics topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String queue : QUEUES) {
            newTopics.add(new NewTopic(topics.dispatch(queue), dispatchPartitions, (short) 1));
            newTopics.add(new NewTopic(topics.deadLetter(topics.dispatch(queue)), 1, (short) 1));
        }
        newTopics.add(new NewTopic(topics.events(), EVENT_PARTITIONS, (short) 1));
        newTopics.add(new NewTopic(topics.control(), 1, (short) 1));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics on the Kafka broker at " + bootstrap()
                    + " (is it running? deploy/infra/kafka start --port 19092)", e);
        }
    }

    @Override
    public void stop() {
        // Topics stay: their prefix is unique to this run and the test broker is thrown away by deploy/test.
    }
}
