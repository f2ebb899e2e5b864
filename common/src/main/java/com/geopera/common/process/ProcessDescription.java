package com.geopera.common.process;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An OGC API – Processes process description, plus the job type, category and worker queue it belongs to.
 */
public record ProcessDescription(
        String id,
        String version,
        String title,
        String description,
        List<String> keywords,
        List<String> jobControlOptions,
        List<String> outputTransmission,
        Map<String, InputDescription> inputs,
        Map<String, OutputDescription> outputs,
        @JsonProperty("job_type") String jobType,
        String category,
        String queue) {
}
