package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.common.process.InputPin;
import com.geopera.common.process.JobOutput;
import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.ProgressListener;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.RunResult;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The GDAL-only limit of the end-to-end benchmark: the same small clip jobs the stack runs ({@link
 * BenchJobs#clipInputs}: process {@code clip}, {@code file:elev.tif}, the n-th 0.2° square), run by {@link
 * ImageryEngine} directly in this JVM on as many threads as the stack's workers have slots — no api, Kafka,
 * PostgreSQL or worker bookkeeping. It is what the hardware gives for these jobs, so the stack's jobs/s divided by
 * it is the share the system keeps (the target: ≥ 0.8 with 2 workers, docs/BENCHMARKS.md).
 *
 * <p>Each job makes the engine calls a worker makes for it (worker/service: DispatchValidator, RunPreconditions,
 * AttemptExecutor, OutputStorage): the process lookup; the preconditions, i.e. the inputs' pins compared with the
 * ones taken when the job was made, and the estimate; a private staging directory; the run (clip, COG, the output's
 * statistics and metadata); the rename of the staging directory into the attempt's directory. What the worker adds
 * around them (Kafka, events, progress, heartbeats) is what the ratio measures.
 *
 * <p>GDAL's natives are required: without them on {@code java.library.path} the constructor throws, so a
 * benchmark fails rather than leaving the limit out.
 */
final class GdalOnlyLimit {
    /** Jobs per thread run (and not measured) first: GDAL's first run on each thread, the probe cache, the JIT. */
    static final int WARM_UP_JOBS_PER_THREAD = 5;
    private static final String PROCESS_ID = "clip";
    private static final String NATIVE_LIBRARY = "libgdalalljni.so";

    private final ImageryEngine engine;
    private final Path outputRoot;
    /** The inputs' pins as the api takes them when it accepts a job (the same file for every square). */
    private final List<InputPin> acceptedPins;

    /**
     * An engine configured as the stack's workers configure theirs (ImageryEngineProducer with only
     * {@code geopera.imagery.input-roots} set), writing attempts under {@code outputRoot}.
     */
    GdalOnlyLimit(Path inputRoot, Path outputRoot) {
        String libraryPath = System.getProperty("java.library.path", "");
        if (Arrays.stream(libraryPath.split(File.pathSeparator))
                .noneMatch(dir -> !dir.isEmpty() && Files.isRegularFile(Path.of(dir, NATIVE_LIBRARY)))) {
            throw new IllegalStateException("GDAL's natives missing: no " + NATIVE_LIBRARY + " in java.library.path "
                    + libraryPath + "; run deploy/gdal/build-bindings and start this JVM with "
                    + "-Djava.library.path=<repo>/.geopera/native (bench/run does)");
        }
        this.engine = new ImageryEngine(ImageryConfig.defaults(List.of(inputRoot), List.of()));
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
        this.acceptedPins = engine.pins(PROCESS_ID, inputs(0));
    }

    /**
     * A warm-up, then jobs {@code 0 .. jobs-1} on the same {@code threads} threads (as a worker's job threads live on
     * from job to job), timed and with this JVM's CPU time.
     */
    Measurement measure(int jobs, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runOn(pool, jobs, WARM_UP_JOBS_PER_THREAD * threads);
            long pid = ProcessHandle.current().pid();
            double cpuBefore = ProcessCpu.seconds(pid);
            long began = System.nanoTime();
            runOn(pool, 0, jobs);
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Measurement(jobs, threads, seconds, ProcessCpu.seconds(pid) - cpuBefore);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs jobs {@code first .. first+count-1} (square {@code first} and on) on {@code threads} threads; answers each
     * job's COG where its attempt directory holds it, in job order.
     */
    List<Path> run(int first, int count, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return runOn(pool, first, count);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each job takes the next free thread of {@code pool}; the first failure of any job is thrown. */
    private List<Path> runOn(ExecutorService pool, int first, int count) {
        List<Future<Path>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = first + i;
            results.add(pool.submit(() -> runJob(n)));
        }
        List<Path> cogs = new ArrayList<>(count);
        try {
            for (Future<Path> result : results) {
                cogs.add(result.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a GDAL-only clip job failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return cogs;
    }

    private Path runJob(long n) throws IOException {
        JsonNode inputs = inputs(n);
        String jobId = UUID.randomUUID().toString();
        engine.process(PROCESS_ID).orElseThrow(() -> new IllegalStateException("no process " + PROCESS_ID));
        if (!engine.pins(PROCESS_ID, inputs).equals(acceptedPins)) {
            throw new IllegalStateException("the inputs of job " + n + " changed since they were pinned");
        }
        engine.estimate(PROCESS_ID, inputs);
        Path attemptDir = outputRoot.resolve(jobId).resolve("1");
        Path staging = Files.createDirectories(attemptDir.resolveSibling(".1.staging-" + UUID.randomUUID()));
        RunResult result = engine.run(new RunRequest(jobId, 1, PROCESS_ID, inputs, staging), ProgressListener.NONE,
                CancellationToken.NEVER);
        Files.move(staging, attemptDir, StandardCopyOption.ATOMIC_MOVE);
        JobOutput output = result.outputs().get(0);
        return attemptDir.resolve(staging.relativize(Path.of(URI.create(output.href()))));
    }

    private static JsonNode inputs(long n) {
        return Json.mapper().valueToTree(BenchJobs.clipInputs(n));
    }

    /**
     * One timed run of the limit.
     *
     * @param seconds    from the first job handed to a thread to the last one's attempt directory in place
     * @param cpuSeconds user + system CPU of this JVM meanwhile (GDAL's native threads included)
     */
    record Measurement(int jobs, int threads, double seconds, double cpuSeconds) {
        double jobsPerSecond() {
            return jobs / seconds;
        }

        double cpuMillisPerJob() {
            return cpuSeconds * 1000 / jobs;
        }
    }
}
