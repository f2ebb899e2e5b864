package com.geopera.common.retry;

import java.time.Duration;

/**
 * Bounded exponential backoff: at most {@code maxTries} tries of one thing, the wait after the first failed try is
 * {@code first}, doubled after each further one, never more than {@code max}. The one backoff of the system: the
 * worker's retries of an attempt, the api's retries of events while the database fails, the command line's repeated
 * requests.
 */
public record Backoff(int maxTries, Duration first, Duration max) {

    public Backoff {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
        }
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= max, got first " + first + ", max " + max);
        }
    }

    /** Tries until it succeeds, however often (a consumer that must not skip what it could not apply yet). */
    public static Backoff unbounded(Duration first, Duration max) {
        return new Backoff(Integer.MAX_VALUE, first, max);
    }

    /** One try, never repeated. */
    public static Backoff once() {
        return new Backoff(1, Duration.ZERO, Duration.ZERO);
    }

    /** Whether another try may follow the given number of tries already made. */
    public boolean allowsAnotherTry(int triesMade) {
        return triesMade < maxTries;
    }

    /** The wait after the {@code triesMade}-th failed try (counted from 1). */
    public Duration delayAfter(int triesMade) {
        Duration delay = first;
        for (int i = 1; i < triesMade && !delay.isZero() && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
