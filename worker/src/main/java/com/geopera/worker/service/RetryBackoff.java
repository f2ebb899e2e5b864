package com.geopera.worker.service;

import java.time.Duration;

/** Exponential backoff between tries of one attempt: initial, ×2 per further try, capped. */
public record RetryBackoff(int maxTries, Duration initial, Duration max) {

    /** Whether another try may follow the given number of tries already made. */
    public boolean allowsAnotherTry(int triesMade) {
        return triesMade < maxTries;
    }

    /** The wait after the {@code triesMade}-th failed try (1-based). */
    public Duration delayAfter(int triesMade) {
        Duration delay = initial;
        for (int i = 1; i < triesMade && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
