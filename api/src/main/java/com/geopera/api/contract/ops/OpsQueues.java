package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.queues. */
@Schema(name = "OpsQueues", description = "Every worker queue: backlog, age, throughput, partitions")
public record OpsQueues(
        @JsonProperty("as_of") @Schema(required = true) Instant asOf,
        @JsonProperty("kafka_readable") @Schema(required = true, description = "False when the broker did not "
                + "answer: backlogs and offsets are then left out") boolean kafkaReadable,
        @Schema(required = true) List<OpsQueue> queues) {
}
