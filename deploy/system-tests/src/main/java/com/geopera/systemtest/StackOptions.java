package com.geopera.systemtest;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link LocalStack} is started.
 *
 * @param workers                  worker processes started at once (more can be added with
 *                                 {@link LocalStack#startWorker(int)})
 * @param workerMaxConcurrentJobs  {@code geopera.worker.max-concurrent-jobs} of each worker
 * @param reaperHeartbeatTimeout   how old a running job's heartbeat may get before the api re-dispatches it
 * @param credits                  credits granted to the test org
 * @param extraApiEnv              further environment of the api process (overrides the defaults)
 * @param extraWorkerEnv           further environment of every worker process
 */
public record StackOptions(int workers, int workerMaxConcurrentJobs, Duration reaperHeartbeatTimeout, long credits,
                           Map<String, String> extraApiEnv, Map<String, String> extraWorkerEnv) {

    /** {@code workers} workers of 2 slots, a 10 s heartbeat timeout, 1,000,000 credits. */
    public static StackOptions workers(int workers) {
        return new StackOptions(workers, 2, Duration.ofSeconds(10), 1_000_000, Map.of(), Map.of());
    }

    public StackOptions withWorkerMaxConcurrentJobs(int slots) {
        return new StackOptions(workers, slots, reaperHeartbeatTimeout, credits, extraApiEnv, extraWorkerEnv);
    }

    public StackOptions withCredits(long amount) {
        return new StackOptions(workers, workerMaxConcurrentJobs, reaperHeartbeatTimeout, amount, extraApiEnv,
                extraWorkerEnv);
    }

    public StackOptions withApiEnv(Map<String, String> env) {
        return new StackOptions(workers, workerMaxConcurrentJobs, reaperHeartbeatTimeout, credits, env,
                extraWorkerEnv);
    }

    public StackOptions withWorkerEnv(Map<String, String> env) {
        return new StackOptions(workers, workerMaxConcurrentJobs, reaperHeartbeatTimeout, credits, extraApiEnv,
                env);
    }

    /** These variables added to (or replacing the same names in) the workers' further environment. */
    public StackOptions plusWorkerEnv(Map<String, String> env) {
        Map<String, String> merged = new java.util.HashMap<>(extraWorkerEnv);
        merged.putAll(env);
        return withWorkerEnv(Map.copyOf(merged));
    }
}
