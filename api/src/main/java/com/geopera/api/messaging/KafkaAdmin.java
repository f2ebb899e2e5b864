package com.geopera.api.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The api's one Kafka admin client for reading offsets, made on first use and closed at shutdown. */
@ApplicationScoped
public class KafkaAdmin {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Admin admin;

    public synchronized Admin get() {
        if (admin == null) {
            admin = Admin.create(KafkaClients.admin(bootstrapServers));
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
