// The answers of the ops.* operations as docs/OPERATIONS-GUIDE.md states them, and the few derived values the
// console shows. Only the members the console reads are typed. The api leaves out a member whose value is null
// (docs/OPERATIONS-GUIDE.md "Operations"): such members are optional here, never `| null`, so that a comparison
// with null, which absence never equals, does not type-check.

export interface Window {
  succeeded: number;
  failed: number;
  cancelled: number;
  finished_per_minute: number;
  failure_rate: number;
}

export interface QueueAnswer {
  queue: string;
  topic: string;
  paused: boolean;
  paused_at: string | null;
  paused_by: string | null;
  pause_reason: string | null;
  /** Absent while Kafka cannot be read. */
  backlog?: number;
  unpublished: number;
  queued: number;
  running: number;
  oldest_queued_at: string | null;
  oldest_queued_age_seconds: number;
  workers_alive: number;
  throughput: { last_5m: Window; last_60m: Window };
  /** `owner` is absent when no live worker holds the partition. */
  partitions: Array<{ partition: number; backlog: number; owner?: string }>;
}

export interface QueuesAnswer {
  as_of: string;
  kafka_readable: boolean;
  queues: QueueAnswer[];
}

export interface WorkerAnswer {
  worker_id: string;
  version: string | null;
  queues: string[];
  slots: number;
  slots_busy: number;
  slots_free: number;
  running: Array<{ job_id: string; attempt: number; queue: string; process_id: string }>;
  last_heartbeat_at: string | null;
  heartbeat_age_seconds: number | null;
  alive: boolean;
}

export interface WorkersAnswer {
  as_of: string;
  heartbeat_timeout_seconds: number;
  workers: WorkerAnswer[];
}

export interface Failure {
  job_id: string;
  org_id: string;
  queue: string;
  process_id: string;
  attempt: number;
  error_code: string | null;
  error_message: string | null;
  worker_id: string | null;
  finished_at: string | null;
}

export interface StuckJob {
  job_id: string;
  org_id: string;
  queue: string;
  process_id: string;
  status: string;
  attempt: number;
  worker_id: string | null;
  reason: 'stale_heartbeat' | 'queued_too_long' | string;
  since: string | null;
  age_seconds: number;
}

export interface JobsAnswer {
  as_of: string;
  failures: Failure[];
  failure_codes: Array<{ error_code: string; count: number }>;
  stuck: StuckJob[];
}

export interface ParkedRecord {
  id: number;
  topic: string;
  key: string | null;
  type: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string | null;
  parked_at: string | null;
  job_status: string | null;
}

export interface ParkedAnswer {
  records: ParkedRecord[];
}

export interface AuditEntry {
  audit_id: number;
  at: string;
  principal_id: string | null;
  key_id: string | null;
  session_id: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  detail: unknown;
}

export interface AuditAnswer {
  entries: AuditEntry[];
  next_before_id?: number;
}

/** The answer of ops.jobs.retry and ops.jobs.cancel (the job as processing.job.get shows it, in part). */
export interface JobActionAnswer {
  audit_id: number;
  retry_of?: string;
  job: { job_id: string; status: string; billing?: { reserved_credits?: number; released_credits?: number } };
}

export interface SessionAnswer {
  session_id: string;
  token: string;
  scopes: string[];
  expires_at: string;
}

/** A queue as the console judges it: the answer's numbers under the names the severity rule reads. */
export interface Queue {
  name: string;
  paused: boolean;
  backlog: number;
  /** Jobs that wait for a worker: the Kafka backlog, or the queued jobs when more (held while paused, or Kafka unread). */
  waiting: number;
  oldestAgeSeconds: number | null;
  liveWorkers: number;
  succeeded5m: number;
  failed5m: number;
  succeeded60m: number;
  failed60m: number;
  answer: QueueAnswer;
}

export function queueOf(answer: QueueAnswer): Queue {
  return {
    name: answer.queue,
    paused: answer.paused,
    // While Kafka is unreadable the jobs waiting in the database still say whether anything waits.
    backlog: answer.backlog ?? answer.queued,
    waiting: Math.max(answer.backlog ?? 0, answer.queued),
    oldestAgeSeconds: answer.oldest_queued_at ? answer.oldest_queued_age_seconds : null,
    liveWorkers: answer.workers_alive,
    succeeded5m: answer.throughput.last_5m.succeeded,
    failed5m: answer.throughput.last_5m.failed,
    succeeded60m: answer.throughput.last_60m.succeeded,
    failed60m: answer.throughput.last_60m.failed,
    answer,
  };
}
