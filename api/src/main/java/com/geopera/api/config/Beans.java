package com.geopera.api.config;

import com.geopera.common.json.Json;
import com.geopera.common.messaging.Topics;
import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.render.TileRenderer;
import com.geopera.ledger.Ledger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The api's singletons: clock, ledger, imagery engine, topic names, and the shared JSON settings. */
@ApplicationScoped
public class Beans {

    /** The one clock, UTC (tests replace it with one they can move forward). */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Ledger ledger(Clock clock, ApiConfig config) {
        return new Ledger(clock, config.ledger().slicesPerOrg());
    }

    @Produces
    @Singleton
    ImageryEngine imageryEngine(ApiConfig config) {
        List<Path> roots = config.imagery().inputRoots().orElse(List.of()).stream().map(Path::of).toList();
        return new ImageryEngine(ImageryConfig.defaults(roots, config.imagery().allowedHosts().orElse(List.of()))
                .withLoopbackInputs(config.imagery().allowLoopbackHosts()));
    }

    /** Draws tiles and previews; after the engine, which registers GDAL. */
    @Produces
    @Singleton
    TileRenderer tileRenderer(ImageryEngine engine, ApiConfig config) {
        return TileRenderer.create(config.tiles().gdalCacheMb(), config.tiles().maxOpenFiles(),
                config.tiles().maxIdlePerFile());
    }

    @Produces
    @Singleton
    Topics topics(ApiConfig config) {
        return new Topics(config.topics().prefix());
    }

    /** REST bodies use the same JSON settings as the Kafka records ({@link Json}). */
    @Singleton
    static class JsonSettings implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            Json.configure(mapper);
        }
    }
}
