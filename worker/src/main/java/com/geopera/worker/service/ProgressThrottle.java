package com.geopera.worker.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides which progress reports of one run become PROGRESS events: at most one per {@code minInterval}, the first
 * one no earlier than {@code minInterval} after the run started, and each carrying the latest progress (the reports
 * in between are coalesced into it, never queued). A run shorter than {@code minInterval} therefore sends no PROGRESS
 * at all: its STARTED and COMPLETED say everything, and the HEARTBEAT of a longer run carries the latest progress
 * even when no PROGRESS went out. Every event is a Kafka record, a row of {@code job_events} and an api transaction,
 * so a job's event count follows its duration, not the number of GDAL callbacks. Progress never goes backwards.
 */
public final class ProgressThrottle {
    private static final int FULL_PERCENT = 100;
    private final Duration minInterval;
    private final Clock clock;
    private Instant lastSentAt;
    private int lastSentPercent;

    public ProgressThrottle(Duration minInterval, Clock clock) {
        this.minInterval = minInterval;
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
        if (now.isBefore(lastSentAt.plus(minInterval))) {
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
