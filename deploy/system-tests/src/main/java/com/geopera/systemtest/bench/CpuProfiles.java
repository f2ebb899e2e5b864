package com.geopera.systemtest.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * CPU profiles of the measured window only, taken with async-profiler (Maven Central's
 * {@code tools.profiler:async-profiler}) attached to a running process. Unlike JFR's execution samples it sees
 * native frames, so GDAL's time, the JVM's compiler and GC threads appear as what they are. The profiler's
 * library is unpacked from its jar and loaded through the JDK's attach API; {@code event=cpu} uses perf events and
 * falls back to a CPU timer where the kernel does not allow them.
 */
final class CpuProfiles {
    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";
    /** Frames that say who does the work, summed over every stack they appear in (once per stack). */
    private static final Pattern OWN_CODE = Pattern.compile("^(com/geopera|com\\.geopera|org/gdal|org\\.gdal|"
            + "org/hibernate|org\\.hibernate|org/postgresql|org\\.postgresql|org/apache/kafka|org\\.apache\\.kafka|"
            + "io/smallrye|io\\.smallrye|com/arjuna|com\\.arjuna|io/vertx|io\\.vertx|libgdal|libproj|libjvm|"
            + "\\[).*");

    private CpuProfiles() {
    }

    /** Starts profiling process {@code pid}. */
    static void start(long pid) {
        command(pid, "start,event=cpu,interval=1ms");
    }

    /** Stops profiling process {@code pid} and writes its stacks in collapsed form to {@code file}. */
    static void stop(long pid, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command(pid, "stop,collapsed,file=" + file);
    }

    /** The most sampled leaf frames and the most sampled frames anywhere in a stack, as "percent  frame" lines. */
    static List<String> summary(Path collapsed, int limit) {
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        StackRoles roles = new StackRoles();
        long total = forEachStack(collapsed, (stack, count) -> {
            String[] frames = stack.split(";");
            roles.add(stack, count);
            leaves.merge(frames[frames.length - 1], count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (OWN_CODE.matcher(frame).matches() && seen.add(frame)) {
                    inclusive.merge(frame, count, Long::sum);
                }
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d samples (1 ms of CPU each). By the role of the thread:", total));
        lines.addAll(roles.lines());
        lines.add("Self time, top frames:");
        lines.addAll(top(leaves, total, limit));
        lines.add("Total time (the frame anywhere on the stack), top frames of our code, GDAL, the JVM and libraries:");
        lines.addAll(top(inclusive, total, limit * 2));
        return lines;
    }

    /** The fraction of the samples whose stack holds a frame containing {@code marker}. */
    static double share(Path collapsed, String marker) {
        long[] matching = {0};
        long total = forEachStack(collapsed, (stack, count) -> {
            if (stack.contains(marker)) {
                matching[0] += count;
            }
        });
        return total == 0 ? 0 : (double) matching[0] / total;
    }

    /** Hands each stack of a collapsed profile (frames joined by ';') and its sample count over; returns the total. */
    private static long forEachStack(Path collapsed, BiConsumer<String, Long> stacks) {
        long total = 0;
        try {
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1));
                total += count;
                stacks.accept(line.substring(0, space), count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static List<String> top(Map<String, Long> counts, long total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format("%5.1f %%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()))
                .toList();
    }

    private static void command(long pid, String options) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgentPath(library().toString(), options);
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new IllegalStateException("async-profiler '" + options + "' on pid " + pid + " failed", e);
        }
    }

    /** The profiler's native library, unpacked once next to the other benchmark output. */
    private static synchronized Path library() throws IOException {
        Path target = Path.of(System.getProperty("geopera.repo.root", "."))
                .resolve("deploy/system-tests/target/async-profiler/libasyncProfiler.so");
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (InputStream in = CpuProfiles.class.getClassLoader().getResourceAsStream(LIBRARY)) {
                if (in == null) {
                    throw new IOException(LIBRARY + " is not on the classpath (tools.profiler:async-profiler)");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
