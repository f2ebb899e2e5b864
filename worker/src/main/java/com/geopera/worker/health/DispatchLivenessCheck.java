package com.geopera.worker.health;

import com.geopera.worker.messaging.DispatchConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live only while the dispatch consumer's thread runs: a worker that can take no job is restarted. */
@Liveness
@ApplicationScoped
public class DispatchLivenessCheck implements HealthCheck {
    private final DispatchConsumer consumer;

    public DispatchLivenessCheck(DispatchConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dispatch-consumer").status(consumer.alive()).build();
    }
}
