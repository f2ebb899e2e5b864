package com.geopera.worker.engine;

import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import com.geopera.worker.config.ImageryInputConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Builds the one (thread-safe) imagery engine of this worker from its configuration. */
@ApplicationScoped
public class ImageryEngineProducer {

    @Produces
    @Singleton
    ImageryEngine imageryEngine(ImageryInputConfig config) {
        ImageryConfig defaults = ImageryConfig.defaults(
                config.inputRoots().orElse(List.of()), config.allowedHosts().orElse(List.of()));
        Duration httpTimeout = config.httpTimeout();
        return new ImageryEngine(new ImageryConfig(defaults.inputRoots(), defaults.allowedHosts(), httpTimeout,
                defaults.maxInputBytes(), defaults.costs(), defaults.estimateTtl()));
    }
}
