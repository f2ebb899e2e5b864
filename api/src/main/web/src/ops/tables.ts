// The console's tables, rebuilt from each poll's answers. Every row is a plain <tr> with a row header; states are
// words first (with a symbol and a colour beside them), so colour is never the only signal.
import { el, replaceChildren } from '../shared/dom.js';
import { age, count, percent, time } from './format';
import type { History } from './history';
import type { AuditEntry, Failure, ParkedRecord, Queue, StuckJob, WorkerAnswer } from './model';
import { type Assessment, bySeverity, type Level } from './severity';
import { sparkline } from './sparkline';

/** What a button in a row asks for; main.ts confirms and calls the operation. */
export type Action =
  | { kind: 'pause' | 'resume'; queue: string }
  | { kind: 'retry' | 'cancel'; jobId: string }
  | { kind: 'replay' | 'discard'; recordId: number; topic: string };

export interface Handlers {
  act: (action: Action) => void;
  showJob: (jobId: string) => void;
  /** False for a read-only key: the action buttons are left out. */
  canAct: boolean;
}

const SYMBOL: Record<Level, string> = { critical: '▲', warning: '●', paused: 'Ⅱ', ok: '✓' };

/**
 * What keeps the focus across refreshes (the rows are rebuilt): Pause and Resume of a queue share their key, so the
 * focus stays on the queue's button when it turns from one into the other.
 */
function focusKey(action: Action): string {
  if ('queue' in action) {
    return `queue:${action.queue}`;
  }
  return 'jobId' in action ? `${action.kind}:${action.jobId}` : `${action.kind}:${action.recordId}`;
}

function actionButton(handlers: Handlers, action: Action, words: string, label: string, danger = false): HTMLElement | null {
  if (!handlers.canAct) {
    return null;
  }
  const button = el('button', { type: 'button', class: danger ? 'small danger' : 'small', 'aria-label': label,
    'data-key': focusKey(action) }, words);
  button.addEventListener('click', () => handlers.act(action));
  return button;
}

function jobLink(handlers: Handlers, jobId: string): HTMLElement {
  const link = el('a', { href: `#job=${encodeURIComponent(jobId)}`, class: 'job', 'data-key': `job:${jobId}` }, jobId);
  link.addEventListener('click', (event: Event) => {
    event.preventDefault();
    handlers.showJob(jobId);
  });
  return link;
}

function empty(body: HTMLElement, columns: number, words: string): void {
  replaceChildren(body, el('tr', {}, el('td', { colspan: columns, class: 'empty' }, words)));
}

function stateCell(assessment: Assessment): HTMLElement {
  return el('td', { class: `state state-${assessment.level}` },
    el('span', { class: 'symbol', 'aria-hidden': 'true' }, SYMBOL[assessment.level]), ' ',
    assessment.reasons.join(', '));
}

function partitionsText(queue: Queue): string {
  const partitions = queue.answer.partitions;
  const orphans = partitions.filter((p) => p.owner === undefined).length;
  return orphans ? `${partitions.length}, ${orphans} unheld` : `${partitions.length}, all held`;
}

/** Which worker holds each partition, for the Partitions cell's tooltip. */
function partitionOwners(queue: Queue): string {
  return queue.answer.partitions.map((p) => `${p.partition}: ${p.owner ?? 'no live worker'}`).join(', ');
}

export function renderQueues(body: HTMLElement, queues: readonly Queue[], history: History, handlers: Handlers): void {
  if (!queues.length) {
    empty(body, 9, 'The api serves no queue.');
    return;
  }
  replaceChildren(body, bySeverity(queues).map(({ queue, assessment }) => {
    const answer = queue.answer;
    const backlog = answer.backlog === undefined ? `${count(answer.queued)} queued (Kafka not readable)`
      : answer.unpublished > 0 ? `${count(answer.backlog)} + ${count(answer.unpublished)} held` : count(answer.backlog);
    const pauseTitle = answer.paused ? `Paused ${time(answer.paused_at)}${answer.pause_reason ? `: ${answer.pause_reason}` : ''}` : null;
    return el('tr', { class: `level-${assessment.level}`, 'data-queue': queue.name },
      stateCell(assessment),
      el('th', { scope: 'row', title: pauseTitle }, queue.name),
      el('td', { class: 'num trend' }, el('span', { 'data-field': 'backlog' }, backlog),
        sparkline(history.values(`backlog:${queue.name}`), `Backlog of ${queue.name}`, count)),
      el('td', { class: 'num trend' }, el('span', { 'data-field': 'oldest' }, age(queue.oldestAgeSeconds)),
        sparkline(history.values(`oldest:${queue.name}`), `Oldest queued age of ${queue.name}`, age)),
      el('td', { class: 'num', 'data-field': 'running' }, count(answer.running)),
      el('td', { class: 'num', 'data-field': 'succeeded' }, `${count(queue.succeeded5m)} / ${count(queue.succeeded60m)}`),
      el('td', { class: 'num', 'data-field': 'failed' }, `${count(queue.failed5m)} / ${count(queue.failed60m)}`
        + (queue.succeeded60m + queue.failed60m > 0 ? ` (${percent(answer.throughput.last_60m.failure_rate)})` : '')),
      el('td', { 'data-field': 'partitions', title: partitionOwners(queue) }, partitionsText(queue)),
      el('td', {}, answer.paused
        ? actionButton(handlers, { kind: 'resume', queue: queue.name }, 'Resume', `Resume queue ${queue.name}`)
        : actionButton(handlers, { kind: 'pause', queue: queue.name }, 'Pause', `Pause queue ${queue.name}`, true)));
  }));
}

export function renderWorkers(body: HTMLElement, workers: readonly WorkerAnswer[], handlers: Handlers): void {
  if (!workers.length) {
    empty(body, 7, 'No worker has sent a heartbeat.');
    return;
  }
  replaceChildren(body, workers.map((worker) => el('tr', { class: worker.alive ? 'level-ok' : 'level-critical', 'data-worker': worker.worker_id },
    el('td', { class: `state state-${worker.alive ? 'ok' : 'critical'}` },
      el('span', { class: 'symbol', 'aria-hidden': 'true' }, worker.alive ? '✓' : '▲'), ' ', worker.alive ? 'Alive' : 'Silent'),
    el('th', { scope: 'row' }, worker.worker_id),
    el('td', {}, worker.queues.join(', ')),
    el('td', { 'data-field': 'slots' },
      el('meter', { min: 0, max: Math.max(worker.slots, 1), value: worker.slots_busy, 'aria-hidden': 'true' }), ' ',
      `${count(worker.slots_busy)} / ${count(worker.slots)}`),
    el('td', {}, worker.running.length ? worker.running.map((job) => [jobLink(handlers, job.job_id), ' ']) : 'none'),
    el('td', { class: 'num' }, age(worker.heartbeat_age_seconds)),
    el('td', {}, worker.version ?? '–'))));
}

const REASONS: Record<string, string> = {
  stale_heartbeat: 'Running, no heartbeat (the reaper redispatches it)',
  queued_too_long: 'Queued too long',
};

export function renderStuck(body: HTMLElement, stuck: readonly StuckJob[], handlers: Handlers): void {
  if (!stuck.length) {
    empty(body, 7, 'No stuck job.');
    return;
  }
  replaceChildren(body, stuck.map((job) => el('tr', { class: 'level-warning' },
    el('th', { scope: 'row' }, jobLink(handlers, job.job_id)),
    el('td', {}, job.queue),
    el('td', {}, job.status),
    el('td', {}, REASONS[job.reason] ?? job.reason),
    el('td', { class: 'num' }, age(job.age_seconds)),
    el('td', {}, job.worker_id ?? '–'),
    el('td', {}, actionButton(handlers, { kind: 'cancel', jobId: job.job_id }, 'Cancel', `Cancel job ${job.job_id}`, true)))));
}

export function renderFailures(body: HTMLElement, failures: readonly Failure[], handlers: Handlers): void {
  if (!failures.length) {
    empty(body, 7, 'No job failed in the last hour.');
    return;
  }
  replaceChildren(body, failures.map((job) => el('tr', {},
    el('td', {}, time(job.finished_at)),
    el('th', { scope: 'row' }, jobLink(handlers, job.job_id)),
    el('td', {}, job.queue),
    el('td', {}, el('code', {}, job.error_code ?? '–')),
    el('td', { class: 'message' }, job.error_message ?? ''),
    el('td', { class: 'num' }, count(job.attempt)),
    el('td', {}, actionButton(handlers, { kind: 'retry', jobId: job.job_id }, 'Retry', `Retry job ${job.job_id}`)))));
}

export function renderParked(body: HTMLElement, records: readonly ParkedRecord[], handlers: Handlers): void {
  if (!records.length) {
    empty(body, 5, 'No parked record.');
    return;
  }
  replaceChildren(body, records.map((record) => el('tr', { class: 'level-warning' },
    el('td', {}, time(record.parked_at)),
    el('th', { scope: 'row' }, `${record.topic} #${record.id}`),
    el('td', {}, record.key ?? '–'),
    el('td', { class: 'message' }, record.last_error ?? ''),
    el('td', {},
      actionButton(handlers, { kind: 'replay', recordId: record.id, topic: record.topic }, 'Replay', `Replay record ${record.id}`), ' ',
      actionButton(handlers, { kind: 'discard', recordId: record.id, topic: record.topic }, 'Discard', `Discard record ${record.id}`, true)))));
}

function auditTarget(entry: AuditEntry): string {
  return entry.target ?? '–';
}

export function renderAudit(body: HTMLElement, entries: readonly AuditEntry[]): void {
  if (!entries.length) {
    empty(body, 5, 'No operator action yet.');
    return;
  }
  replaceChildren(body, entries.map((entry) => el('tr', {},
    el('td', {}, time(entry.at)),
    el('td', {}, entry.key_id ?? entry.principal_id ?? '–'),
    el('th', { scope: 'row' }, entry.action),
    el('td', {}, auditTarget(entry)),
    el('td', { class: 'message' }, [entry.reason, entry.detail ? JSON.stringify(entry.detail) : null].filter(Boolean).join(' — ')))));
}
