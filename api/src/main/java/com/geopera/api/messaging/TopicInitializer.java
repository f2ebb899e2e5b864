package com.geopera.api.messaging;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.ProcessService;
import com.geopera.common.messaging.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates every topic up front, before the messaging connectors start: a dispatch topic per worker queue (those of
 * every process plus the configured ones; one partition by default, see {@code geopera.topics.dispatch-partitions}),
 * events, control, and a dead-letter topic for each. A topic that exists is left as it is.
 */
@ApplicationScoped
public class TopicInitializer {
    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);
    private static final long CREATE_TIMEOUT_SECONDS = 30;

    @Inject
    ApiConfig config;
    @Inject
    Topics topics;
    @Inject
    ProcessService catalog;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Set<String> names = topicNames();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Set<String> dispatch = queues().stream().map(topics::dispatch).collect(Collectors.toSet());
            for (String name : names) {
                if (!existing.contains(name)) {
                    // Dispatch topics get dispatch-partitions partitions, every other topic partitions.
                    int partitions = dispatch.contains(name) ? config.topics().dispatchPartitions()
                            : config.topics().partitions();
                    missing.add(new NewTopic(name, partitions, config.topics().replicationFactor()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            LOG.infof("kafka topics ready (%d, %d created): %s", names.size(), missing.size(), names);
        } catch (Exception e) {
            // The outbox keeps commands until the broker is back; the api still serves reads.
            LOG.errorf("could not create kafka topics on %s: %s", bootstrapServers, e.getMessage());
        }
    }

    /** Every worker queue of this deployment: those of the catalog's processes and the configured ones. */
    public Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>(config.topics().queues());
        catalog.processes().forEach(p -> queues.add(p.queue()));
        return queues;
    }

    /** Every topic this deployment uses. */
    public Set<String> topicNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String queue : queues()) {
            names.add(topics.dispatch(queue));
            names.add(topics.deadLetter(topics.dispatch(queue)));
        }
        names.add(topics.events());
        names.add(topics.deadLetter(topics.events()));
        names.add(topics.control());
        names.add(topics.deadLetter(topics.control()));
        names.add(topics.workerHeartbeats());
        return names;
    }
}
