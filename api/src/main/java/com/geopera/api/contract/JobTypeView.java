package com.geopera.api.contract;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job type: the processes run by one kind of worker. */
@Schema(name = "JobType", description = "A job type, its category, queue and processes")
public record JobTypeView(
        @Schema(required = true) String name,
        String category,
        String queue,
        @Schema(required = true, description = "Process ids") List<String> processes) {
}
