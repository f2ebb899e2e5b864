package com.geopera.worker.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides which progress reports of one run become PROGRESS events: a report goes out when it moved at least
 * {@code minStepPercent} points, or moved at all and {@code minInterval} passed, since the last one sent.
 * Progress never goes backwards.
 */
public final class ProgressThrottle {
    private static final int FULL_PERCENT = 100;
    private final Duration minInterval;
    private final int minStepPercent;
    private final Clock clock;
    private Instant lastSentAt;
    private int lastSentPercent;

    public ProgressThrottle(Duration minInterval, int minStepPercent, Clock clock) {
        this.minInterval = minInterval;
        this.minStepPercent = minStepPercent;
        this.clock = clock;
        this.lastSentAt = clock.instant();
    }

    /** The percentage to send for a fraction 0..1, or -1 when nothing should be sent now. */
    public synchronized int offer(double fraction) {
        int percent = toPercent(fraction);
        if (percent <= lastSentPercent) {
            return -1;
        }
        Instant now = clock.instant();
        boolean bigStep = percent - lastSentPercent >= minStepPercent;
        boolean longEnough = !now.isBefore(lastSentAt.plus(minInterval));
        if (!bigStep && !longEnough) {
            return -1;
        }
        lastSentAt = now;
        lastSentPercent = percent;
        return percent;
    }

    static int toPercent(double fraction) {
        if (Double.isNaN(fraction)) {
            return 0;
        }
        // 100 % is announced by COMPLETED, never by a PROGRESS event.
        return (int) Math.max(0, Math.min(FULL_PERCENT - 1, Math.floor(fraction * FULL_PERCENT)));
    }
}
