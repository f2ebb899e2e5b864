package com.geopera.worker.messaging;

import com.geopera.worker.config.DispatchConfig;
import com.geopera.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Admin operations on the dispatch share group: a new group starts from the earliest record (a share group starts
 * from the latest one unless told otherwise, which would skip what was dispatched before the first worker joined),
 * and which dispatch partitions the group assigns to this worker now, what its worker heartbeat reports to
 * operators.
 */
@ApplicationScoped
public class DispatchShareGroup {
    /** The group setting (KIP-932) of where a share group starts reading a partition it reads for the first time. */
    static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";
    private static final Logger LOG = Logger.getLogger(DispatchShareGroup.class);
    private static final Duration ALTER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String group;
    private final String clientId;
    private volatile List<TopicPartition> lastAssignment = List.of();

    public DispatchShareGroup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                              DispatchConfig config, WorkerConfig worker) {
        this.group = config.group();
        this.clientId = worker.id();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, worker.id() + "-admin"));
    }

    /** The group id. */
    public String group() {
        return group;
    }

    /** The client id this worker's share consumer joins with (how the group's description names it). */
    public String clientId() {
        return clientId;
    }

    /** Makes the group read a partition new to it from its earliest record; throws when the broker does not answer. */
    public void startFromEarliest() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET)));
        try {
            admin.incrementalAlterConfigs(change).all().get(ALTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not configure share group " + group + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dispatch partitions the group assigns to this worker now: none while all its slots are busy and it left the
     * group ({@link DispatchMembership}). When the broker does not answer in time, the last known answer.
     */
    public List<TopicPartition> assignedPartitions() {
        try {
            ShareGroupDescription description = admin.describeShareGroups(List.of(group)).describedGroups().get(group)
                    .get(DESCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            lastAssignment = description.members().stream()
                    .filter(member -> clientId.equals(member.clientId()))
                    .flatMap(member -> member.assignment().topicPartitions().stream())
                    .distinct()
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("could not describe share group %s: %s", group, e.getMessage());
        }
        return lastAssignment;
    }

    /**
     * How many partitions these topics have together; empty when one of them does not exist yet or the broker does
     * not answer in time.
     */
    public OptionalInt partitionCount(Collection<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(DESCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return OptionalInt.of(described.values().stream().mapToInt(topic -> topic.partitions().size()).sum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("could not describe the dispatch topics %s: %s", topics, e.getMessage());
        }
        return OptionalInt.empty();
    }

    @PreDestroy
    void close() {
        admin.close(DESCRIBE_TIMEOUT);
    }
}
