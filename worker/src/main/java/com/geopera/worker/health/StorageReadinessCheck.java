package com.geopera.worker.health;

import com.geopera.worker.service.OutputStorage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the output storage root exists (or can be created) and is writable. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    private final OutputStorage storage;

    public StorageReadinessCheck(OutputStorage storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("output-storage").withData("root", storage.root().toString());
        try {
            Files.createDirectories(storage.root());
            return Files.isWritable(storage.root()) ? builder.up().build() : builder.down().build();
        } catch (IOException e) {
            return builder.down().withData("error", e.getMessage()).build();
        }
    }
}
