import type { DownloadOptions } from "./download.js";
import { WaitTimeoutError } from "./errors.js";
import { adminOperations, authOperations, opsOperations, processingOperations, type ResponseBody } from "./operations.js";
import { sleep, Transport, type ClientOptions } from "./transport.js";

/** A job as `processing.job.get` answers it. */
export type Job = ResponseBody<"processing.job.get">;

/** The statuses after which a job never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(["succeeded", "failed", "cancelled"]);

export interface WaitOptions {
  /** Give up (WaitTimeoutError) after this many milliseconds (default 10 minutes). */
  timeoutMs?: number;
  /** First pause between polls (default 500 ms), growing by half each poll up to `maxIntervalMs` (default 5 s). */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Called with the job whenever its status or progress changed since the last poll. */
  onProgress?: (job: Job) => void;
  signal?: AbortSignal;
}

/**
 * The Geopera api client.
 *
 * ```ts
 * const client = new Client();   // GEOPERA_URL and GEOPERA_API_KEY from the environment
 * const job = await client.processing.execute({ process_id: "clip", workspaceId, inputs });
 * ```
 */
export class Client {
  /** The HTTP side: base URL, key, retries. */
  readonly transport: Transport;
  /** `client.processing.catalog.estimate(…)`, `client.processing.jobs.list(…)` … — the reference's operations. */
  readonly processing: ReturnType<typeof processingOperations>;
  /** Admin operations (an admin key). */
  readonly admin: ReturnType<typeof adminOperations>;
  /** Sessions. */
  readonly auth: ReturnType<typeof authOperations>;
  /** Operators: queues, workers, stuck jobs and their actions (an operator or admin key). */
  readonly ops: ReturnType<typeof opsOperations>;

  constructor(options: ClientOptions = {}) {
    this.transport = new Transport(options);
    this.processing = processingOperations(this.transport);
    this.admin = adminOperations(this.transport);
    this.auth = authOperations(this.transport);
    this.ops = opsOperations(this.transport);
  }

  /**
   * Polls `processing.job.get` until the job is succeeded, failed or cancelled, and answers that view (check its
   * `status`). Polls back off from `intervalMs` to `maxIntervalMs`; polling errors are retried by the client.
   */
  async waitForJob(jobId: string, options: WaitOptions = {}): Promise<Job> {
    const timeoutMs = options.timeoutMs ?? 600_000;
    const deadline = Date.now() + timeoutMs;
    let interval = options.intervalMs ?? 500;
    const maxInterval = options.maxIntervalMs ?? 5_000;
    let seen = "";
    for (;;) {
      const job = await this.processing.job.get({ job_id: jobId }, { signal: options.signal });
      const view = job as { status?: string; progress?: number };
      const state = `${view.status}/${view.progress}`;
      if (state !== seen) {
        seen = state;
        options.onProgress?.(job);
      }
      if (view.status !== undefined && TERMINAL_STATUSES.has(view.status)) return job;
      const left = deadline - Date.now();
      if (left <= 0) throw new WaitTimeoutError(jobId, timeoutMs, job);
      await sleep(Math.min(interval, left), options.signal);
      interval = Math.min(maxInterval, interval * 1.5);
    }
  }

  /**
   * The bytes of output `output` (its `name`, e.g. `result`) of job `jobId`, chunk by chunk, from `start` on:
   * `processing.jobs.outputs.get({ job_id, name })`. A connection that breaks is resumed with `Range` where it
   * stopped. In Node, `downloadToFile` from `@geopera/sdk/node` writes them to a file and resumes a partial file.
   */
  download(jobId: string, output: string, options: DownloadOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
    return this.processing.jobs.outputs.get({ job_id: jobId, name: output }, options);
  }
}
