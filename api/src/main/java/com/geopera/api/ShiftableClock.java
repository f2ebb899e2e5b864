package com.geopera.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The api's clock: the system UTC clock plus an offset that is zero in production. Tests move time forward with
 * {@link #advance(Duration)} instead of sleeping (stale heartbeats, expired sessions and holds).
 */
public final class ShiftableClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public ShiftableClock(Clock base) {
        this.base = base;
    }

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
