package com.geopera.systemtest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JDK Flight Recorder around a benchmark: the JVM option that records a process into a directory (written when it
 * exits), and the top frames of its {@code jdk.ExecutionSample} events, read with the JDK's {@code jfr print}.
 */
final class FlightRecordings {
    private FlightRecordings() {
    }

    /** {@code JAVA_TOOL_OPTIONS} value recording with the "profile" settings into {@code dir} until exit. */
    static String javaToolOptions(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-XX:+FlightRecorder -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir;
    }

    /** The {@code limit} most sampled top frames over every recording in {@code dir}, as "count  frame" lines. */
    static List<String> topFrames(Path dir, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        int samples = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".jfr")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            samples += countTopFrames(file, counts);
        }
        int total = Math.max(1, samples);
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format("%5.1f %%  %s", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.toList());
    }

    /** Adds the first frame of every execution sample's stack to {@code counts}; returns the number of samples. */
    private static int countTopFrames(Path file, Map<String, Integer> counts) {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        int samples = 0;
        try {
            Process process = new ProcessBuilder(jfr.toString(), "print", "--events", "jdk.ExecutionSample",
                    file.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                boolean nextIsTop = false;
                String line;
                while ((line = out.readLine()) != null) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("stackTrace = [")) {
                        nextIsTop = true;
                    } else if (nextIsTop) {
                        nextIsTop = false;
                        samples++;
                        counts.merge(trimmed.replaceAll("\\s+line: \\d+.*$", ""), 1, Integer::sum);
                    }
                }
            }
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jfr, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return samples;
    }
}
