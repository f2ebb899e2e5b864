package com.geopera.api.contract.ops;

import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.queues. */
@Schema(name = "OpsQueuesInput", description = "Which queues to show")
public record OpsQueuesInput(
        @NonBlank @Identifier @Schema(description = "Only this queue; default every queue") String queue) {
}
