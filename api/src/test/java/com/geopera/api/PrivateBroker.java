package com.geopera.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The servers of {@link RealServers}, except that Kafka is a broker of this test run alone: {@code deploy/infra/kafka}
 * on a free port with its own data directory, so a test may really stop and restart it. Stopped and its data removed
 * when the test profile ends (or the JVM exits).
 */
public class PrivateBroker extends RealServers {
    private static final long SCRIPT_TIMEOUT_SECONDS = 180;
    private static volatile int port;
    private static volatile Path dataDir;
    private static volatile Thread exitHook;

    @Override
    protected String kafkaBootstrap() {
        try {
            port = freePortWithControllerPort();
            dataDir = Files.createTempDirectory("gp-private-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exitHook = new Thread(PrivateBroker::stopQuietly, "private-kafka-stop");
        Runtime.getRuntime().addShutdownHook(exitHook);
        startBroker();
        return "127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        super.stop();
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        deleteTree(dataDir);
        // What deploy/infra/kafka keeps per port: the config goes, the broker's log joins the script's in target/.
        Path home = repoRoot().resolve(".geopera");
        deleteTree(home.resolve("kafka/config-" + port));
        try {
            Files.move(home.resolve("logs/kafka-" + port + ".log"), scriptLog().resolveSibling(
                    "private-kafka-" + port + ".broker.log"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("could not keep the private broker's log: " + e.getMessage());
        }
    }

    private static Path scriptLog() {
        return repoRoot().resolve("api/target/private-kafka-" + port + ".log");
    }

    /** Starts the broker (again) on its port and data directory; returns once it serves clients. */
    public static void startBroker() {
        script("start", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
    }

    /** Stops the broker process: a real outage. */
    public static void stopBroker() {
        script("stop", "--port", String.valueOf(port));
    }

    private static void stopQuietly() {
        try {
            stopBroker();
        } catch (RuntimeException e) {
            System.err.println("could not stop the private broker: " + e.getMessage());
        }
    }

    private static void script(String... args) {
        Path repo = repoRoot();
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/infra/kafka").toString()));
        command.addAll(List.of(args));
        Path log = scriptLog();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free port whose successor (the broker's controller port) is free too. */
    private static int freePortWithControllerPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                candidate = socket.getLocalPort();
            }
            if (candidate < 65535 && free(candidate + 1)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free pair of ports for a private broker");
    }

    private static boolean free(int candidate) {
        try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
