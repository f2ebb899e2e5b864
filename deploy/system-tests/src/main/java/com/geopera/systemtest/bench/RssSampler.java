package com.geopera.systemtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads processes' resident set size from /proc and remembers the peak per process while running. */
final class RssSampler implements AutoCloseable {
    private final Map<Long, Long> peakKib = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(List<Long> pids) {
        thread = new Thread(() -> {
            while (running) {
                for (long pid : pids) {
                    peakKib.merge(pid, rssKib(pid), Math::max);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    long peakKib(long pid) {
        return peakKib.getOrDefault(pid, 0L);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
