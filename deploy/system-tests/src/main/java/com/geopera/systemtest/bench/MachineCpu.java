package com.geopera.systemtest.bench;

import com.geopera.systemtest.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the whole machine's CPU went over a stretch of a benchmark: the api, every PostgreSQL server process, the
 * Kafka test broker, this benchmark JVM (the load generator) and the rest, from {@code /proc}. On a 2-core machine
 * that runs all of them, a rate is bounded by the sum, not by the api alone.
 */
final class MachineCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds per part at one moment, and the machine's busy and total seconds ({@code /proc/stat}). */
    record Snapshot(Map<String, Double> parts, double busy, double total) {
    }

    private MachineCpu() {
    }

    static Snapshot take(long apiPid) {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("api", ProcessCpu.seconds(apiPid));
        parts.put("PostgreSQL", postgresSeconds());
        parts.put("Kafka broker", ProcessCpu.seconds(brokerPid()));
        parts.put("load generator (bench JVM)", ProcessCpu.seconds(ProcessHandle.current().pid()));
        String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
        long user = Long.parseLong(cpu[1]);
        long nice = Long.parseLong(cpu[2]);
        long system = Long.parseLong(cpu[3]);
        long idle = Long.parseLong(cpu[4]);
        long iowait = Long.parseLong(cpu[5]);
        long irq = Long.parseLong(cpu[6]);
        long softirq = Long.parseLong(cpu[7]);
        long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new Snapshot(parts, busy / TICKS_PER_SECOND, (busy + idle + iowait) / TICKS_PER_SECOND);
    }

    /** A Markdown table: each part's CPU per job in ms, the rest of the machine, and how busy the machine was. */
    static String perJob(Snapshot before, Snapshot after, int jobs) {
        StringBuilder header = new StringBuilder("| CPU per job, ms |");
        StringBuilder rule = new StringBuilder("|---|");
        StringBuilder row = new StringBuilder("| measured burst |");
        double named = 0;
        for (Map.Entry<String, Double> part : after.parts().entrySet()) {
            double used = part.getValue() - before.parts().get(part.getKey());
            named += used;
            header.append(' ').append(part.getKey()).append(" |");
            rule.append("---|");
            row.append(String.format(" %.2f |", used * 1000 / jobs));
        }
        double busy = after.busy() - before.busy();
        double total = after.total() - before.total();
        header.append(" rest of the machine | whole machine | machine busy |");
        rule.append("---|---|---|");
        row.append(String.format(" %.2f | %.2f | %.0f %% |", Math.max(0, busy - named) * 1000 / jobs,
                busy * 1000 / jobs, total <= 0 ? 0 : busy * 100 / total));
        return header + "\n" + rule + "\n" + row + "\n";
    }

    /** The test broker's pid, from the pid file {@code deploy/infra/kafka} wrote for its port. */
    static long brokerPid() {
        String port = TestServers.kafka().substring(TestServers.kafka().lastIndexOf(':') + 1);
        Path pidFile = TestServers.repoRoot().resolve(".geopera/run/kafka-" + port + ".pid");
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file of the test broker at " + pidFile, e);
        }
    }

    /**
     * CPU seconds of every process named {@code postgres}: the server and its backends, with the children the server
     * has reaped (a backend whose connection closed).
     */
    private static double postgresSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (NoSuchFileException | AccessDeniedException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the command name.
                for (int i = 11; i <= 14; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static String firstLine(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
