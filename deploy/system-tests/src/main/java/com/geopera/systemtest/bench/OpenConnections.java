package com.geopera.systemtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many TCP connections to a local port are open, from the kernel's tables ({@code /proc/net/tcp}, {@code tcp6}):
 * a benchmark that claims N client connections shows how many it had.
 */
final class OpenConnections implements AutoCloseable {
    private static final String ESTABLISHED = "01";

    private final AtomicInteger most = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Samples the connections to {@code port} every 100 ms until closed; {@link #most()} is the largest count. */
    OpenConnections(int port) {
        sampler = new Thread(() -> {
            while (running) {
                most.accumulateAndGet(count(port), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "connection-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    int most() {
        return most.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
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
