package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.JobView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.jobs.retry and ops.jobs.cancel. */
@Schema(name = "OpsJobAction", description = "The job after an operator's action, and the audit entry")
public record OpsJobAction(
        @JsonProperty("audit_id") @Schema(required = true) long auditId,
        @JsonProperty("retry_of") @Schema(description = "ops.jobs.retry: the failed job this new job runs again")
        String retryOf,
        @Schema(required = true, description = "The job after the action (ops.jobs.retry: the new job)") JobView job) {
}
