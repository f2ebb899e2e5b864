package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** What the stack benchmarks share: the small clip job they submit and the file their tables are appended to. */
final class BenchJobs {
    /** The south-west corner of the first small clip's square, in degrees. */
    private static final double WEST = 6.0;
    private static final double SOUTH = 49.6;
    /** The square's side: 0.2°, about 0.05 s of GDAL on {@code elev.tif}. */
    private static final double SIDE = 0.2;
    /** Distinct squares, shifted by {@link #STEP} in a grid of this many columns and rows, all inside the DEM. */
    private static final int GRID = 50;
    private static final double STEP = 0.002;
    private static final AtomicLong CLIPS = new AtomicLong();

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");
    /** The pause between passes over the jobs still running. */
    private static final Duration POLL = Duration.ofMillis(100);

    private BenchJobs() {
    }

    /**
     * Executes one small clip job in the stack's project; returns the api's answer (the job). Each call clips another
     * square of the same size (one of {@code GRID²}), so no cache of identical requests makes a benchmark faster
     * than a user's different areas would; the input file is the same, as it is for a user's many clips of one image.
     */
    static JsonNode executeClip(OperationClient client, LocalStack stack) {
        return client.ok("processing.execute", Map.of("process_id", "clip",
                "workspaceId", stack.workspaceId(), "project_id", stack.projectId(),
                "inputs", clipInputs(CLIPS.getAndIncrement())));
    }

    /** The inputs of the {@code n}-th small clip: {@code elev.tif} and the {@code n}-th {@link #square}. */
    static Map<String, Object> clipInputs(long n) {
        return Map.of("image", "file:elev.tif", "aoi", square(n));
    }

    /**
     * The workers serve only these queues ({@code --worker-queues}, e.g. {@code clip}: a pool per queue, as deploy/k8s
     * runs them, whose busy workers stay in the dispatch share group); every queue when {@code null}.
     */
    static StackOptions serving(StackOptions options, String queues) {
        return queues == null ? options : options.plusWorkerEnv(Map.of("GEOPERA_WORKER_QUEUES", queues));
    }

    /** The {@code n}-th small square as a GeoJSON polygon. */
    static Map<String, Object> square(long n) {
        double west = WEST + (n % GRID) * STEP;
        double south = SOUTH + (n / GRID % GRID) * STEP;
        double east = west + SIDE;
        double north = south + SIDE;
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(west, south), List.of(east, south),
                List.of(east, north), List.of(west, north), List.of(west, south))));
    }

    /** The views of ended jobs, in submission order, and how many {@code processing.job.get} calls it took. */
    record Ended(Map<String, JsonNode> views, int reads) {
        /** When the last of the jobs finished, by the api's {@code finished_at} (not when the harness read it). */
        Instant lastFinished() {
            return views.values().stream().map(job -> OffsetDateTime.parse(job.path("finished_at").asText())
                    .toInstant()).max(Instant::compareTo).orElseThrow();
        }
    }

    /**
     * Waits until every job ended (any terminal status) and answers each job's view then. Jobs are read in
     * submission order, and a pass stops at the first one still running (jobs of one queue end roughly in that
     * order): each job is read about once after it ended, as a client told of its end would, instead of every
     * unfinished job being read again each pass. The api's CPU a benchmark measures is then the jobs' cost, not
     * the harness's polling.
     */
    static Ended awaitEnd(OperationClient client, Collection<String> ids, Duration within) {
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        List<String> waiting = new ArrayList<>(ids);
        int reads = 0;
        long deadline = System.nanoTime() + within.toNanos();
        while (!waiting.isEmpty()) {
            Iterator<String> next = waiting.iterator();
            while (next.hasNext()) {
                String id = next.next();
                JsonNode job = client.ok("processing.job.get", Map.of("job_id", id));
                reads++;
                if (!TERMINAL.contains(job.path("status").asText())) {
                    break;
                }
                ended.put(id, job);
                next.remove();
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " of " + ids.size() + " jobs not ended within "
                            + within);
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        Map<String, JsonNode> inOrder = new LinkedHashMap<>();
        ids.forEach(id -> inOrder.put(id, ended.get(id)));
        return new Ended(inOrder, reads);
    }

    /** The 1-minute load average of the machine (what else was running shows here). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Appends a result table, under a time stamp and a title, to {@code deploy/system-tests/target/bench-results.md}. */
    static void appendResults(String title, String table) {
        Path out = Path.of(System.getProperty("geopera.repo.root", "."))
                .resolve("deploy/system-tests/target/bench-results.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, Instant.now() + " " + title + "\n" + table, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
