package com.geopera.systemtest;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers that serve every queue, as the local stack runs them: their dispatch topics have five partitions together,
 * so a worker whose slots are all busy leaves the share group and one whose slot frees joins it again; a short job
 * waits at most for that hand-over (a group heartbeat).
 */
class FairDispatchIT extends FairDispatchCheck {
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(workers());
}
