package com.geopera.systemtest;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers of a clip pool, as deploy/k8s runs them (one queue each): both read the clip topic's one partition and a
 * busy worker stays in the share group, so a freed slot takes the next short job with no hand-over.
 */
class PoolFairDispatchIT extends FairDispatchCheck {
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(
            workers().plusWorkerEnv(Map.of("GEOPERA_WORKER_QUEUES", "clip")));
}
