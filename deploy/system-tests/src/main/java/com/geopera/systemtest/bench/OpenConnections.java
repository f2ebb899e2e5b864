package com.geopera.systemtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How many TCP connections to a local port are open, from the kernel's tables ({@code /proc/net/tcp}, {@code tcp6}):
 * a benchmark that claims N client connections shows how many it had.
 */
final class OpenConnections implements AutoCloseable {
    private static final String ESTABLISHED = "01";

    private final int port;
    private final PeakSampler<Integer> peaks;

    /** Samples the connections to {@code port} every 100 ms until closed; {@link #most()} is the largest count. */
    OpenConnections(int port) {
        this.port = port;
        peaks = new PeakSampler<>("connection-sampler", Duration.ofMillis(100), List.of(port), OpenConnections::count);
    }

    int most() {
        return (int) peaks.peak(port);
    }

    @Override
    public void close() throws InterruptedException {
        peaks.close();
    }

    /** Established connections whose remote end is {@code port} on this machine: the clients' side of each. */
    static int count(int port) {
        String remotePort = ":" + String.format(Locale.ROOT, "%04X", port);
        int open = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[2].endsWith(remotePort) && fields[3].equals(ESTABLISHED)) {
                    open++;
                }
            }
        }
        return open;
    }
}
