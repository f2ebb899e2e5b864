package com.geopera.cli.http;

import java.time.Duration;

/** Waits between retries and polls; tests pass one that returns at once. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
