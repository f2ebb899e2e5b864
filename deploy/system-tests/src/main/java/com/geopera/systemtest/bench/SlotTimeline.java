package com.geopera.systemtest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each job of a run was queued, started and finished, against the number of job slots of all workers: how many
 * slot-seconds stayed idle while a job waited, and the longest stretch in which that was so. With fair dispatch a slot
 * idles while a job waits only for the hand-over from one job to the next (milliseconds); a job parked behind a busy
 * worker while another worker's slot is free shows up as seconds.
 *
 * @param slots the slots of all workers together
 * @param jobs  the jobs of the run, each started and finished
 */
public record SlotTimeline(int slots, List<Span> jobs) {

    /** One job: accepted by the api, started by a worker, finished. */
    public record Span(Instant queued, Instant started, Instant finished) {
        public Duration queuedFor() {
            return Duration.between(queued, started);
        }
    }

    /** Slot-seconds left idle while at least as many jobs waited: Σ min(idle slots, waiting jobs) · dt. */
    public double idleSlotSecondsWhileWaiting() {
        double total = 0;
        for (Interval interval : intervals()) {
            total += Math.min(interval.idle(), interval.waiting()) * interval.seconds();
        }
        return total;
    }

    /** The longest uninterrupted stretch in which a slot was idle and a job waited. */
    public Duration longestIdleWhileWaiting() {
        double longest = 0;
        double current = 0;
        for (Interval interval : intervals()) {
            if (interval.idle() > 0 && interval.waiting() > 0) {
                current += interval.seconds();
                longest = Math.max(longest, current);
            } else if (interval.seconds() > 0) {
                current = 0;
            }
        }
        return Duration.ofNanos(Math.round(longest * 1e9));
    }

    /** The first moment a job finished: the earliest a slot busy from the start could take a waiting job. */
    public Instant firstFinish() {
        return jobs.stream().map(Span::finished).min(Comparator.naturalOrder()).orElseThrow();
    }

    private record Interval(double seconds, int idle, int waiting) {
    }

    private record Change(Instant at, int busy, int waiting) {
    }

    private List<Interval> intervals() {
        List<Change> changes = new ArrayList<>();
        for (Span job : jobs) {
            changes.add(new Change(job.queued(), 0, 1));
            changes.add(new Change(job.started(), 1, -1));
            changes.add(new Change(job.finished(), -1, 0));
        }
        changes.sort(Comparator.comparing(Change::at));
        List<Interval> intervals = new ArrayList<>();
        int busy = 0;
        int waiting = 0;
        for (int i = 0; i < changes.size(); i++) {
            busy += changes.get(i).busy();
            waiting += changes.get(i).waiting();
            if (i + 1 < changes.size()) {
                double seconds = Duration.between(changes.get(i).at(), changes.get(i + 1).at()).toNanos() / 1e9;
                intervals.add(new Interval(seconds, Math.max(0, slots - busy), waiting));
            }
        }
        return intervals;
    }
}
