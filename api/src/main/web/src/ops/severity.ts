// Which queue is in trouble: one rule, shared by the state column, the sort order and the attention list. The
// thresholds are those of the alert rules (deploy/monitoring/geopera-alerts.yml), so the console and the pager agree;
// the console judges the present (and ops.queues' 5 and 60 minute windows), the alerts add their `for:` durations.
import type { Queue } from './model';

/** Oldest queued job age from which a queue is in trouble (alert GeoperaQueueOldestJobTooOld). */
export const OLDEST_AGE_CRITICAL_SECONDS = 600;
/** Oldest queued job age from which a queue needs a look. */
export const OLDEST_AGE_WARNING_SECONDS = 120;
/** Share of failed jobs over the last 60 minutes from which a queue is in trouble (alert GeoperaJobFailureRateHigh). */
export const FAILURE_RATE_CRITICAL = 0.25;
/** Fewest finished jobs over 60 minutes for the failure rate to mean anything. */
export const FAILURE_RATE_MIN_JOBS = 4;

export type Level = 'critical' | 'warning' | 'paused' | 'ok';

export interface Assessment {
  level: Level;
  /** Short words for the state column ("No live workers"), most serious first. */
  reasons: string[];
}

const RANK: Record<Level, number> = { critical: 3, warning: 2, paused: 1, ok: 0 };

export function assess(queue: Queue): Assessment {
  const critical: string[] = [];
  const warning: string[] = [];
  const waiting = queue.waiting > 0;
  if (waiting && queue.liveWorkers === 0) {
    critical.push('No live workers');
  }
  const oldest = queue.oldestAgeSeconds ?? 0;
  // A paused queue's jobs wait on purpose: a long wait there needs a look, not an alarm (as in the alert rules).
  if (oldest >= OLDEST_AGE_CRITICAL_SECONDS && !queue.paused) {
    critical.push('Oldest job waits too long');
  } else if (oldest >= OLDEST_AGE_WARNING_SECONDS) {
    warning.push('Jobs wait');
  }
  const finished = queue.succeeded60m + queue.failed60m;
  if (finished >= FAILURE_RATE_MIN_JOBS && queue.failed60m / finished >= FAILURE_RATE_CRITICAL) {
    critical.push('Many failures');
  } else if (queue.failed5m > 0) {
    warning.push('Recent failures');
  }
  if (critical.length) {
    return { level: 'critical', reasons: [...critical, ...(queue.paused ? ['Paused'] : []), ...warning] };
  }
  if (warning.length) {
    return { level: 'warning', reasons: [...(queue.paused ? ['Paused'] : []), ...warning] };
  }
  return queue.paused ? { level: 'paused', reasons: ['Paused'] } : { level: 'ok', reasons: ['OK'] };
}

/** The queues, the one in most trouble first (then the oldest wait, the longest backlog, the name). */
export function bySeverity(queues: readonly Queue[]): Array<{ queue: Queue; assessment: Assessment }> {
  return queues.map((queue) => ({ queue, assessment: assess(queue) }))
    .sort((a, b) => RANK[b.assessment.level] - RANK[a.assessment.level]
      || (b.queue.oldestAgeSeconds ?? 0) - (a.queue.oldestAgeSeconds ?? 0)
      || b.queue.backlog - a.queue.backlog
      || a.queue.name.localeCompare(b.queue.name));
}
