package com.geopera.systemtest.bench;

import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import com.geopera.systemtest.SyntheticRaster;
import com.geopera.systemtest.TestServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Fair use of every slot: a mix of long jobs (the big synthetic raster, 14000² pixels, clipped to nearly all of it;
 * {@code --long-resolution} makes them longer) and short ones ({@code elev.tif}, a 0.2° square) on 2 workers of 2
 * slots. Prints the short jobs' queued time (accepted → started) p50 / p90 / max, how long the long jobs ran, when the
 * first slot freed, and the slot-seconds left idle while jobs waited (target 0: only the hand-over from one job to
 * the next) with the longest such stretch.
 * Usage: {@code deploy/system-tests/bench/run fairness [--long-jobs 10] [--short-jobs 200] [--long-resolution DEG]
 * [--longs-first]}.
 */
public final class FairnessBenchmark {
    private static final int WORKERS = 2;
    private static final int SLOTS = 2;

    private FairnessBenchmark() {
    }

    public static void main(String[] args) {
        int longJobs = 10;
        int shortJobs = 200;
        boolean longsFirst = false;
        Map<String, Object> longInputs = new HashMap<>();
        String workerQueues = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--long-jobs" -> longJobs = Integer.parseInt(args[++i]);
                case "--short-jobs" -> shortJobs = Integer.parseInt(args[++i]);
                case "--long-resolution" -> longInputs.put("resolution", Double.parseDouble(args[++i]));
                case "--longs-first" -> longsFirst = true;
                case "--worker-queues" -> workerQueues = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String roots = TestServers.repoRoot().resolve(".geopera/samples") + "," + SyntheticRaster.dir();
        StackOptions options = StackOptions.workers(WORKERS).withWorkerMaxConcurrentJobs(SLOTS)
                .withCredits(1_000_000_000L)
                .withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", roots))
                .withWorkerEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", roots));
        options = BenchJobs.serving(options, workerQueues);
        FairnessMix mix = new FairnessMix(longJobs, shortJobs, longsFirst, longInputs);
        String loadBefore = BenchJobs.loadAverage();
        FairnessMix.Result result;
        try (LocalStack stack = LocalStack.start(options)) {
            result = mix.run(stack, WORKERS * SLOTS, Duration.ofMinutes(30));
        }
        System.out.println(result.summary());
        String table = "| workers × slots | long / short jobs | long job run p50 s | short queued p50 / p90 / max s "
                + "| first slot freed after s | idle slot-s while jobs waited | longest idle-while-waiting s "
                + "| load avg before → after |\n|---|---|---|---|---|---|---|---|\n"
                + String.format("| %d × %d | %d / %d%s | %.1f | %.1f / %.1f / %.1f | %.1f | %.1f | %.1f | %s → %s |%n",
                WORKERS, SLOTS, longJobs, shortJobs, longsFirst ? " (longs first)" : "",
                seconds(Percentiles.of(millis(result.longRuns()), 50)),
                seconds(Percentiles.of(millis(result.shortQueued()), 50)),
                seconds(Percentiles.of(millis(result.shortQueued()), 90)),
                seconds(Percentiles.of(millis(result.shortQueued()), 100)),
                result.untilFirstSlotFreed().toMillis() / 1000.0, result.timeline().idleSlotSecondsWhileWaiting(),
                result.timeline().longestIdleWhileWaiting().toMillis() / 1000.0, loadBefore, BenchJobs.loadAverage());
        System.out.println(table);
        BenchJobs.appendResults("fairness", table);
        System.exit(0);
    }

    private static java.util.List<Double> millis(java.util.List<Duration> durations) {
        return durations.stream().map(d -> (double) d.toMillis()).toList();
    }

    private static double seconds(double millis) {
        return millis / 1000.0;
    }
}
