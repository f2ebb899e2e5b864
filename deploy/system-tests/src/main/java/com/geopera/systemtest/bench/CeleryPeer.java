package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Celery + Redis peer of the cost and accept benchmarks (issue 18): a scratch {@code redis-server} and a Celery
 * worker of as many processes as our workers have slots, then no-op tasks enqueued from as many threads as our
 * clients and awaited. Debian's {@code python3-celery}, {@code python3-redis} and {@code redis-server} are installed by
 * {@code deploy/system-tests/bench/run}; the script is {@code deploy/system-tests/bench/celery/peer.py}.
 */
final class CeleryPeer {
    /** Debian's interpreter: the packages are installed for it, whatever {@code python3} is first on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    /** What the peer measured: enqueue rate, and tasks per second from the first enqueue to the last result. */
    record Result(int tasks, double enqueuePerSecond, double tasksPerSecond) {
    }

    private CeleryPeer() {
    }

    static Result run(int tasks, int threads, int concurrency) throws IOException, InterruptedException {
        Path script = TestServers.repoRoot().resolve("deploy/system-tests/bench/celery/peer.py");
        Path logs = Files.createDirectories(TestServers.repoRoot().resolve("deploy/system-tests/target/celery-peer"));
        int port = freePort();
        String redis = "redis://127.0.0.1:" + port + "/0";
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(logs.resolve("redis.log").toFile()).start();
        Process worker = null;
        try {
            worker = new ProcessBuilder(PYTHON, script.toString(), "worker", "--redis", redis,
                    "--concurrency", Integer.toString(concurrency))
                    .redirectErrorStream(true).redirectOutput(logs.resolve("worker.log").toFile()).start();
            Process warmUp = enqueue(script, redis, Math.min(100, tasks), threads);
            read(warmUp);
            JsonNode measured = read(enqueue(script, redis, tasks, threads));
            return new Result(measured.path("tasks").asInt(), measured.path("enqueue_per_s").asDouble(),
                    measured.path("tasks_per_s").asDouble());
        } finally {
            stop(worker);
            stop(server);
        }
    }

    private static Process enqueue(Path script, String redis, int tasks, int threads) throws IOException {
        return new ProcessBuilder(PYTHON, script.toString(), "enqueue", "--redis", redis,
                "--tasks", Integer.toString(tasks), "--threads", Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static JsonNode read(Process enqueue) throws IOException, InterruptedException {
        String out = new String(enqueue.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!enqueue.waitFor(10, TimeUnit.MINUTES) || enqueue.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("the Celery peer failed (see deploy/system-tests/target/celery-peer/): "
                    + out);
        }
        List<String> lines = out.lines().toList();
        return Json.mapper().readTree(lines.get(lines.size() - 1));
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
