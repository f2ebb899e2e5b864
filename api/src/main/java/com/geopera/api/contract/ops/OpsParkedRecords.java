package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.outbox.parked. */
@Schema(name = "OpsParkedRecords", description = "Outbox records the relay parked, not discarded")
public record OpsParkedRecords(@Schema(required = true) List<OpsParkedRecord> records) {

    /** One parked record. */
    @Schema(name = "OpsParkedRecord", description = "An outbox record the relay could not publish")
    public record OpsParkedRecord(
            @Schema(required = true) long id,
            @Schema(required = true) String topic,
            @Schema(required = true, description = "Its message key: a job id") String key,
            @Schema(required = true, description = "Its CloudEvents type") String type,
            @Schema(required = true) int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created_at") @Schema(required = true) Instant createdAt,
            @JsonProperty("parked_at") @Schema(required = true) Instant parkedAt,
            @JsonProperty("job_status") @Schema(description = "Status of the job it is about") String jobStatus) {
    }
}
