package com.geopera.cli.http;

import java.time.Duration;

/**
 * Bounded exponential backoff for requests that are safe to repeat: reads, and spend operations re-sent with the
 * same Idempotency-Key.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    private static final int DEFAULT_MAX_ATTEMPTS = 4;
    private static final Duration DEFAULT_FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(4);

    public static RetryPolicy standard() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The pause before attempt {@code attempt + 1}, where {@code attempt} counts from 1. */
    public Duration delayAfter(int attempt) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 1, Long.SIZE - 2));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
