package com.geopera.api.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.store.WorkerRegistryStore;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.WorkerHeartbeat;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the latest heartbeat of each worker ({@code <prefix>.workers.heartbeats}, channel {@code worker-heartbeats})
 * in {@code ops_workers}. Heartbeats are disposable: an unreadable one, or one the database refused, is logged and
 * dropped, and the worker's next one a heartbeat interval later takes its place.
 */
@ApplicationScoped
public class WorkerHeartbeatConsumer {
    private static final Logger LOG = Logger.getLogger(WorkerHeartbeatConsumer.class);

    @Inject
    WorkerRegistryStore workers;
    @Inject
    Clock clock;

    @Incoming("worker-heartbeats")
    @Blocking
    public void onHeartbeat(String payload) {
        try {
            WorkerHeartbeat heartbeat = Json.mapper().readValue(payload, WorkerHeartbeat.class);
            if (heartbeat.workerId() == null || heartbeat.workerId().isBlank()) {
                LOG.warn("worker heartbeat without worker_id dropped");
                return;
            }
            workers.record(heartbeat, clock.instant());
        } catch (JsonProcessingException e) {
            LOG.warnf("unreadable worker heartbeat dropped: %s", e.getOriginalMessage());
        } catch (RuntimeException e) {
            LOG.warnf("worker heartbeat not recorded: %s", e.getMessage());
        }
    }
}
