package com.geopera.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The api's clock in tests: the system UTC clock plus an offset that starts at zero. It replaces the production clock
 * (an alternative, so every {@code Clock} injection point gets it), and tests move time forward with
 * {@link #advance(Duration)} instead of sleeping (stale heartbeats, expired sessions and holds).
 */
@Alternative
@Priority(1)
@Singleton
public final class ShiftableClock extends Clock {
    private final Clock base = Clock.systemUTC();
    private final AtomicLong offsetMillis = new AtomicLong();

    public void advance(Duration amount) {
        offsetMillis.addAndGet(amount.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the api clock is always UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }
}
