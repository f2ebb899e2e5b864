package com.geopera.systemtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/** Reads processes' resident set size from /proc and remembers the peak per process while running. */
final class RssSampler implements AutoCloseable {
    private final PeakSampler<Long> peaks;

    RssSampler(List<Long> pids) {
        peaks = new PeakSampler<>("rss-sampler", Duration.ofMillis(250), pids, RssSampler::rssKib);
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
        return peaks.peak(pid);
    }

    @Override
    public void close() throws InterruptedException {
        peaks.close();
    }
}
