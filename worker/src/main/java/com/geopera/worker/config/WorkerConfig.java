package com.geopera.worker.config;

import com.geopera.common.messaging.Queues;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How one worker process takes and runs jobs. */
@ConfigMapping(prefix = "geopera.worker")
public interface WorkerConfig {

    /** This worker's name in events and in its control consumer group; default {@code <hostname>-<pid>}. */
    String id();

    /** Queues served: the worker consumes {@code <prefix>.jobs.dispatch.<queue>} for each. */
    @WithDefault(Queues.DEFAULT_NAMES)
    List<String> queues();

    /**
     * Jobs this worker runs at once; while all are busy the worker takes no dispatch record (it leaves the dispatch
     * share group until a slot frees).
     */
    @WithDefault("2")
    int maxConcurrentJobs();

    /** How often a HEARTBEAT is sent for every running job. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** A run longer than this is aborted and reported FAILED with code {@code time_limit_exceeded}. */
    @WithDefault("30m")
    Duration jobTimeout();

    /** What happens to a run that does not stop at its time limit (a native call without progress callbacks). */
    Watchdog watchdog();

    /** On shutdown, how long running jobs may finish before they are aborted (the api's reaper re-dispatches). */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** How long a CANCEL for a job not (yet) running here is remembered, so a later dispatch of it is dropped. */
    @WithDefault("10m")
    Duration cancelMemory();

    /** PROGRESS throttling. */
    Progress progress();

    /** In-worker retries of transient failures. */
    Retry retry();

    /**
     * A GDAL call that makes no progress callback never sees the stop of its token. Past the job timeout plus
     * {@link #stopGrace()} its attempt is failed and its slot freed; if its thread is still inside the call
     * {@link #exitGrace()} later, the worker process exits (status 75) so that the orchestrator restarts it.
     */
    interface Watchdog {
        /** After the job timeout, how long a run has to honour the stop before it is abandoned. */
        @WithDefault("30s")
        Duration stopGrace();

        /** After an attempt was abandoned, how long its stuck thread has to return before the process exits. */
        @WithDefault("60s")
        Duration exitGrace();
    }

    /** PROGRESS throttling. */
    interface Progress {
        /**
         * Least time between two PROGRESS events of one job, and before its first: a run shorter than this sends
         * none (STARTED and COMPLETED only); the reports in between are coalesced into the next one.
         */
        @WithDefault("1s")
        Duration minInterval();
    }

    /** Backoff for retryable failures (I/O, fetch timeouts); permanent failures are never retried. */
    interface Retry {
        /** Tries of one attempt in total, the first included. */
        @WithDefault("3")
        int maxTries();

        /** Wait before the second try; doubled for each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Upper bound of the wait between tries. */
        @WithDefault("15s")
        Duration maxBackoff();
    }
}
