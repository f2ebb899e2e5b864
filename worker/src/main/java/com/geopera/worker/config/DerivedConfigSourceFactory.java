package com.geopera.worker.config;

import com.geopera.common.messaging.Queues;
import com.geopera.common.messaging.Topics;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Values computed from other settings, at the lowest priority so anything set explicitly wins: the worker id
 * ({@code <hostname>-<pid>}) and the dispatch consumer's topic list, one topic per served queue
 * ({@code <prefix>.jobs.dispatch.<queue>}). Configuration files cannot map over a list, hence this source.
 */
public class DerivedConfigSourceFactory implements ConfigSourceFactory {
    static final String WORKER_ID = "geopera.worker.id";
    static final String QUEUES = "geopera.worker.queues";
    static final String PREFIX = "geopera.topics.prefix";
    static final String DISPATCH_TOPICS = "geopera.dispatch.topics";
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String prefix = valueOr(context, PREFIX, Topics.DEFAULT_PREFIX);
        String queues = valueOr(context, QUEUES, Queues.DEFAULT_NAMES);
        Map<String, String> derived = Map.of(
                WORKER_ID, defaultWorkerId(),
                DISPATCH_TOPICS, dispatchTopics(new Topics(prefix), queues));
        return List.of(new PropertiesConfigSource(derived, "geopera-derived", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** {@code clip,bathy} → {@code <prefix>.jobs.dispatch.clip,<prefix>.jobs.dispatch.bathy}. */
    static String dispatchTopics(Topics topics, String queues) {
        return Arrays.stream(queues.split(","))
                .map(String::trim)
                .filter(queue -> !queue.isEmpty())
                .map(topics::dispatch)
                .collect(Collectors.joining(","));
    }

    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
