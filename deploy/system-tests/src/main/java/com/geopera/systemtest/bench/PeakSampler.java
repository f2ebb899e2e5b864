package com.geopera.systemtest.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/** Reads a value per key every period on a daemon thread until closed, keeping the largest seen of each key. */
final class PeakSampler<K> implements AutoCloseable {
    private final Map<K, Long> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    PeakSampler(String name, Duration period, Collection<K> keys, ToLongFunction<K> read) {
        List<K> sampled = List.copyOf(keys);
        thread = new Thread(() -> {
            while (running) {
                for (K key : sampled) {
                    peaks.merge(key, read.applyAsLong(key), Math::max);
                }
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    long peak(K key) {
        return peaks.getOrDefault(key, 0L);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
