package com.geopera.worker.engine;

import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import com.geopera.worker.config.ImageryInputConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Builds the one (thread-safe) imagery engine of this worker from its configuration. */
@ApplicationScoped
public class ImageryEngineProducer {

    /**
     * Builds the engine (GDAL registration, process catalog) before the Kafka channels start, so the first
     * dispatch record is not handled on the event loop while the engine is being made.
     */
    void warmUp(@Observes @Priority(1) StartupEvent event, ImageryEngine engine) {
        engine.processes();
    }

    @Produces
    @Singleton
    ImageryEngine imageryEngine(ImageryInputConfig config) {
        ImageryConfig defaults = ImageryConfig.defaults(
                config.inputRoots().orElse(List.of()), config.allowedHosts().orElse(List.of()));
        Duration httpTimeout = config.httpTimeout();
        return new ImageryEngine(new ImageryConfig(defaults.inputRoots(), defaults.allowedHosts(), httpTimeout,
                defaults.maxInputBytes(), defaults.costs(), defaults.estimateTtl(), config.allowLoopbackHosts()));
    }
}
