package com.geopera.worker.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.geopera.common.messaging.DispatchJob;
import java.time.Instant;

/** Dispatch commands for unit tests. */
final class TestDispatches {
    private TestDispatches() {
    }

    static DispatchJob dispatch(String jobId, int attempt, String processId) {
        return new DispatchJob(DispatchJob.SCHEMA_VERSION, "cmd_" + jobId + "_" + attempt, jobId, attempt, "org_t",
                processId, null, "clip", JsonNodeFactory.instance.objectNode(), 10, Instant.now());
    }
}
