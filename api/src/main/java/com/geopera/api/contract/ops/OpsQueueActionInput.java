package com.geopera.api.contract.ops;

import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.queues.pause and ops.queues.resume. */
@Schema(name = "OpsQueueActionInput", description = "The queue to pause or resume, and why")
public record OpsQueueActionInput(
        @NotBlank @Identifier @Schema(description = "The queue, e.g. clip") String queue,
        @Size(max = 500) @Schema(description = "Why (kept in the audit)") String reason) {
}
