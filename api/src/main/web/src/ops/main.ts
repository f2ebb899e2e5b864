// The operators' console (GET /ops/, docs/OPERATIONS-GUIDE.md "Web console"): queues, workers, stuck jobs, failures,
// parked records and the audit log of the ops.* operations, polled every POLL_MS, and the actions on them, each
// after a confirmation. The page itself is public and holds no data: everything comes from ops.* with the session
// made from the operator key, so an org key gets the api's 403 and the page says so.
import { byId, el, replaceChildren } from '../shared/dom.js';
import { describe, OpsClient, OpsError } from './client';
import { confirmAction, type Question } from './confirm';
import { age, count, time } from './format';
import { History } from './history';
import { renderLedger } from './ledger';
import {
  type AuditAnswer, type JobActionAnswer, type JobsAnswer, type ParkedAnswer, type Queue, queueOf, type QueuesAnswer,
  type WorkersAnswer,
} from './model';
import { canAct, type Session, signIn, signOut, storedSession } from './session';
import { assess } from './severity';
import {
  type Action, type Handlers, renderAudit, renderFailures, renderParked, renderQueues, renderStuck, renderWorkers,
} from './tables';
import './ops.css';

const POLL_MS = 2000;
const FAILURE_WINDOW_MINUTES = 60;
const LIST_LIMIT = 50;

const consoleElement = byId('console');
const problem = byId('problem');
const announcer = byId('announcer');
const outcome = byId('outcome');
const refreshed = byId('refreshed');
const signInForm = byId('sign-in') as HTMLFormElement;
const keyInput = byId('operator-key') as HTMLInputElement;
const signedIn = byId('signed-in');
const jobDialog = byId('job-detail') as HTMLDialogElement;

interface Snapshot {
  queues: QueuesAnswer;
  workers: WorkersAnswer;
  jobs: JobsAnswer;
  parked: ParkedAnswer;
  audit: AuditAnswer;
}

const history = new History();
let session: Session | null = null;
let latest: Snapshot | null = null;
let timer: number | undefined;
let polling: AbortController | null = null;
/** The refusal of the last action, shown until the next action (a refresh does not wipe it). */
let actionProblem: string | null = null;
/** Queues that were critical at the last poll: a queue newly in trouble is announced once. */
let critical = new Set<string>();

function showProblem(text: string | null): void {
  problem.textContent = text ?? '';
  problem.hidden = text === null;
}

function announce(text: string): void {
  announcer.textContent = text;
}

function showSignIn(): void {
  signInForm.hidden = false;
  signedIn.hidden = true;
  consoleElement.hidden = true;
  refreshed.textContent = 'Not signed in.';
}

function stop(): void {
  window.clearTimeout(timer);
  polling?.abort();
  polling = null;
  latest = null;
  actionProblem = null;
  history.clear();
  critical = new Set();
}

async function snapshot(client: OpsClient, signal: AbortSignal): Promise<Snapshot> {
  const [queues, workers, jobs, parked, audit] = await Promise.all([
    client.call<QueuesAnswer>('ops.queues', {}, signal),
    client.call<WorkersAnswer>('ops.workers', {}, signal),
    client.call<JobsAnswer>('ops.jobs', { failed_within_minutes: FAILURE_WINDOW_MINUTES, limit: LIST_LIMIT }, signal),
    client.call<ParkedAnswer>('ops.outbox.parked', { limit: LIST_LIMIT }, signal),
    client.call<AuditAnswer>('ops.audit', { limit: LIST_LIMIT }, signal),
  ]);
  return { queues, workers, jobs, parked, audit };
}

function attention(queues: readonly Queue[], data: Snapshot): HTMLElement[] {
  const items: HTMLElement[] = [];
  for (const queue of queues) {
    const { level, reasons } = assess(queue);
    if (level === 'critical' || level === 'warning') {
      items.push(el('li', { class: `level-${level}` }, el('span', { class: 'symbol', 'aria-hidden': 'true' }, level === 'critical' ? '▲' : '●'),
        ` Queue ${queue.name}: ${reasons.join(', ')} — ${count(queue.waiting)} waiting, oldest ${age(queue.oldestAgeSeconds)}`));
    }
  }
  const silent = data.workers.workers.filter((w) => !w.alive).length;
  if (silent) {
    items.push(el('li', { class: 'level-warning' }, `${silent} worker${silent === 1 ? '' : 's'} silent (no heartbeat for `
      + `${data.workers.heartbeat_timeout_seconds} s)`));
  }
  if (data.jobs.stuck.length) {
    items.push(el('li', { class: 'level-warning' }, `${data.jobs.stuck.length} stuck job${data.jobs.stuck.length === 1 ? '' : 's'}`));
  }
  if (data.parked.records.length) {
    items.push(el('li', { class: 'level-warning' }, `${data.parked.records.length} parked record${data.parked.records.length === 1 ? '' : 's'}`));
  }
  if (!data.queues.kafka_readable) {
    items.push(el('li', { class: 'level-critical' }, 'Kafka cannot be read: backlogs are unknown'));
  }
  return items.length ? items : [el('li', { class: 'level-ok' }, 'Nothing needs attention.')];
}

function render(data: Snapshot): void {
  if (!session) {
    return;
  }
  const focused = document.activeElement?.getAttribute('data-key') ?? null;
  const queues = data.queues.queues.map(queueOf);
  for (const queue of queues) {
    history.add(`backlog:${queue.name}`, queue.backlog);
    history.add(`oldest:${queue.name}`, queue.oldestAgeSeconds ?? 0);
  }
  const handlers: Handlers = { act, showJob, canAct: canAct(session) };
  renderQueues(byId('queues').querySelector('tbody')!, queues, history, handlers);
  renderWorkers(byId('workers').querySelector('tbody')!, data.workers.workers, handlers);
  renderStuck(byId('stuck').querySelector('tbody')!, data.jobs.stuck, handlers);
  renderFailures(byId('failures').querySelector('tbody')!, data.jobs.failures, handlers);
  renderParked(byId('parked').querySelector('tbody')!, data.parked.records, handlers);
  renderAudit(byId('audit').querySelector('tbody')!, data.audit.entries);
  replaceChildren(byId('attention-list'), attention(queues, data));

  const nowCritical = new Set(queues.filter((q) => assess(q).level === 'critical').map((q) => q.name));
  const newly = [...nowCritical].filter((name) => !critical.has(name));
  if (newly.length) {
    announce(`In trouble: queue ${newly.join(', ')}.`);
  }
  critical = nowCritical;
  if (focused) {
    consoleElement.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }
  refreshed.textContent = `Updated ${time(data.queues.as_of)}, every ${POLL_MS / 1000} s.`;
}

async function poll(): Promise<void> {
  if (!session) {
    return;
  }
  const current = session;
  const controller = new AbortController();
  polling = controller;
  try {
    latest = await snapshot(new OpsClient(current.token), controller.signal);
    showProblem(actionProblem);
    render(latest);
    await renderLedger(byId('ledger'), controller.signal);
    // Busy until every part of the refresh is on screen, the credits included.
    consoleElement.setAttribute('aria-busy', 'false');
  } catch (error) {
    if (controller.signal.aborted) {
      return; // an action or a sign-out took over
    }
    if (error instanceof OpsError && (error.status === 401 || error.status === 403)) {
      // A refused session is over: a 401 ended by the api (expired, revoked), a 403 one that may not read ops.*.
      await end(describe(error), error.status === 403);
      return;
    }
    showProblem(`Could not refresh (the numbers shown are from ${latest ? time(latest.queues.as_of) : 'nowhere yet'}): ${describe(error)}`);
    consoleElement.setAttribute('aria-busy', 'false');
  }
  if (session === current && !controller.signal.aborted) {
    timer = window.setTimeout(() => void poll(), POLL_MS);
  }
}

function start(active: Session): void {
  session = active;
  signInForm.hidden = true;
  signedIn.hidden = false;
  byId('who').textContent = `Signed in, ${canAct(active) ? 'may act' : 'read only (no ops:write)'}; session until ${time(active.expiresAt)}.`;
  consoleElement.hidden = false;
  consoleElement.setAttribute('aria-busy', 'true');
  refreshed.textContent = 'Loading…';
  void poll();
}

/** Leaves the console with `why` shown; `revoke` ends the session at the api too. */
async function end(why: string | null, revoke: boolean): Promise<void> {
  const ending = session;
  session = null;
  stop();
  await signOut(ending, revoke);
  showSignIn();
  showProblem(why);
  keyInput.focus();
}

const ACTIONS: Record<Action['kind'], { operation: string; question: (a: Action) => Question }> = {
  pause: { operation: 'ops.queues.pause', question: (a) => ({ title: `Pause queue ${name(a)}?`,
    text: 'Dispatching stops: new and retried jobs of this queue wait in the outbox, queued, with their credits held. '
      + 'Records already in Kafka still run. Nothing is lost; Resume dispatches what waited.',
    confirm: `Pause ${name(a)}`, danger: true }) },
  resume: { operation: 'ops.queues.resume', question: (a) => ({ title: `Resume queue ${name(a)}?`,
    text: 'The jobs that waited are dispatched, oldest first.', confirm: `Resume ${name(a)}` }) },
  retry: { operation: 'ops.jobs.retry', question: (a) => ({ title: `Retry job ${name(a)}?`,
    text: 'The failed job runs again as a new job of its org, queued at once, with its estimate held from the '
      + 'org\'s credits. The failed job charged nothing, so the work is billed once, by the new job. A job is '
      + 'retried at most once.', confirm: 'Retry job' }) },
  cancel: { operation: 'ops.jobs.cancel', question: (a) => ({ title: `Cancel job ${name(a)}?`,
    text: 'The job is cancelled and its hold released; a running attempt is told to stop. This cannot be undone.',
    confirm: 'Cancel job', danger: true }) },
  replay: { operation: 'ops.outbox.replay', question: (a) => ({ title: `Replay record ${name(a)}?`,
    text: 'The parked record goes back to the outbox relay, which publishes it again.', confirm: 'Replay record' }) },
  discard: { operation: 'ops.outbox.discard', question: (a) => ({ title: `Discard record ${name(a)}?`,
    text: 'The parked record is never published; it is kept for the audit only. This cannot be undone.',
    confirm: 'Discard record', danger: true }) },
};

function name(action: Action): string {
  return 'queue' in action ? action.queue : 'jobId' in action ? action.jobId : `${action.recordId} (${action.topic})`;
}

function body(action: Action, reason: string): object {
  const target = 'queue' in action ? { queue: action.queue } : 'jobId' in action ? { job_id: action.jobId } : { id: action.recordId };
  return reason ? { ...target, reason } : target;
}

/** What an accepted action did, in words: a job action names the job it made or ended. */
function done(action: Action, operation: string, answer: unknown): string {
  if (action.kind === 'retry' || action.kind === 'cancel') {
    const { job } = answer as JobActionAnswer;
    const credits = action.kind === 'retry' ? job.billing?.reserved_credits : job.billing?.released_credits;
    const money = credits === undefined ? '' : `, ${count(credits)} credits ${action.kind === 'retry' ? 'held' : 'released'}`;
    return action.kind === 'retry'
      ? `Retried job ${name(action)} as job ${job.job_id} (${job.status}${money}).`
      : `Cancelled job ${job.job_id} (${job.status}${money}).`;
  }
  return `Done: ${operation} ${name(action)}.`;
}

async function act(action: Action): Promise<void> {
  const { operation, question } = ACTIONS[action.kind];
  const reason = await confirmAction(question(action));
  if (reason === null || !session) {
    return;
  }
  try {
    const answer = await new OpsClient(session.token).call<unknown>(operation, body(action, reason));
    actionProblem = null;
    showProblem(null);
    const said = done(action, operation, answer);
    outcome.textContent = said;
    outcome.hidden = false;
    announce(said);
  } catch (error) {
    actionProblem = `${operation} ${name(action)} was refused: ${describe(error)}`;
    outcome.hidden = true;
    showProblem(actionProblem);
    return;
  }
  window.clearTimeout(timer);
  polling?.abort();
  await poll();
}

function showJob(jobId: string): void {
  const data = latest;
  const facts: Array<[string, string]> = [['Job', jobId]];
  const failure = data?.jobs.failures.find((f) => f.job_id === jobId);
  const stuck = data?.jobs.stuck.find((s) => s.job_id === jobId);
  const running = data?.workers.workers.flatMap((w) => w.running.map((r) => ({ ...r, worker: w.worker_id })))
    .find((r) => r.job_id === jobId);
  const known = failure ?? stuck ?? null;
  if (known) {
    facts.push(['Org', known.org_id], ['Queue', known.queue], ['Process', known.process_id], ['Attempt', count(known.attempt)],
      ['Worker', known.worker_id ?? '–']);
  }
  if (failure) {
    facts.push(['Status', 'failed'], ['Failed', time(failure.finished_at)], ['Error code', failure.error_code ?? '–'],
      ['Error', failure.error_message ?? '–']);
  }
  if (stuck) {
    facts.push(['Status', stuck.status], ['Stuck because', stuck.reason], ['Since', time(stuck.since)]);
  }
  if (running && !known) {
    facts.push(['Status', 'running'], ['Queue', running.queue], ['Process', running.process_id],
      ['Attempt', count(running.attempt)], ['Worker', running.worker]);
  }
  replaceChildren(byId('job-detail-facts'), facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  byId('job-detail-title').textContent = `Job ${jobId}`;
  jobDialog.showModal();
  byId('job-detail-close').focus();
}

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  keyInput.value = '';
  if (!key) {
    showProblem('Paste an operator key first.');
    keyInput.focus();
    return;
  }
  showProblem(null);
  refreshed.textContent = 'Signing in…';
  signIn(key).then(start, (error) => {
    showSignIn();
    showProblem(describe(error));
    keyInput.focus();
  });
});
byId('sign-out').addEventListener('click', () => void end(null, true));
byId('job-detail-close').addEventListener('click', () => jobDialog.close());

const resumed = storedSession();
if (resumed) {
  start(resumed);
} else {
  showSignIn();
}
