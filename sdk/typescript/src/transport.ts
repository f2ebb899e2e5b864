import { ConnectionError, errorFromProblem, type Problem } from "./errors.js";

/**
 * How an operation may be repeated when its answer is lost or refused for now:
 * - `read`: changes nothing, retried on network errors, 5xx and 429;
 * - `spend`: sends an `Idempotency-Key` (the same on every attempt), so a repeat replays the first answer and never
 *   spends twice: retried like a read, and also on 409 `idempotency_key_in_flight` (the first attempt still runs);
 * - `write`: changes something without a key, retried only on 429 (refused before anything ran).
 */
export type RetryKind = "read" | "spend" | "write";

export interface ClientOptions {
  /** A `gpra_…` API key or a `gprs_…` session token. Default: `GEOPERA_API_KEY` from the environment (Node). */
  apiKey?: string;
  /** The api's base URL. Default: `GEOPERA_URL` from the environment (Node), else `http://127.0.0.1:8080`. */
  baseUrl?: string;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Attempts after the first for retryable failures (default 4). */
  maxRetries?: number;
  /** First backoff delay in milliseconds, doubled per attempt, with jitter (default 500). */
  retryBaseDelayMs?: number;
  /** Upper bound of any wait between attempts, `Retry-After` included (default 30000). */
  maxRetryDelayMs?: number;
  /** Called before each retry: what failed and how long the client waits. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  operation: string;
  /** 1 for the first retry. */
  attempt: number;
  /** HTTP status of the refused attempt, or undefined after a network error. */
  status?: number;
  error?: unknown;
  delayMs: number;
  idempotencyKey?: string;
}

/** Per-call options of every operation. */
export interface RequestOptions {
  /** Aborts the call (and its retries and backoff waits). */
  signal?: AbortSignal;
  /** Spend operations: the `Idempotency-Key` to send (default: a new random UUID per call, kept across retries). */
  idempotencyKey?: string;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
}

/** How `Transport.get` sends and what it accepts besides 2xx. */
export interface GetOptions {
  /** Send the client's key as `Authorization: Bearer` (default true). */
  bearer?: boolean;
  /** Answer a 304 (the request had `If-None-Match`) instead of throwing. */
  notModified?: boolean;
}

const DEFAULT_URL = "http://127.0.0.1:8080";

function environment(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = process?.env?.[name];
  return value === undefined || value === "" ? undefined : value;
}

/** The HTTP side of the client: authentication, JSON, problems, idempotency keys and retries. */
export class Transport {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? environment("GEOPERA_URL") ?? DEFAULT_URL).replace(/\/+$/, "");
    this.apiKey = options.apiKey ?? environment("GEOPERA_API_KEY");
    if (options.fetch === undefined && typeof globalThis.fetch !== "function") {
      throw new TypeError("no fetch available: use Node 18 or later, or pass options.fetch");
    }
    // Browsers refuse a window.fetch called with another `this` ("Illegal invocation"): call it as a function.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.maxRetries = options.maxRetries ?? 4;
    this.baseDelayMs = options.retryBaseDelayMs ?? 500;
    this.maxDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.onRetry = options.onRetry;
  }

  /** Calls `POST /v1/op/{operation}` with a JSON body; answers the parsed JSON (undefined for 204). */
  async json(operation: string, kind: RetryKind, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.post(operation, kind, body, "application/json", options);
    if (response.status === 204) {
      await response.body?.cancel();
      return undefined;
    }
    return response.json();
  }

  /** Calls `POST /v1/op/{operation}` asking for `accept`; answers the successful response, body unread. */
  async post(operation: string, kind: RetryKind, body: unknown, accept: string,
             options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: accept };
    let idempotencyKey: string | undefined;
    if (kind === "spend") {
      idempotencyKey = options.idempotencyKey ?? (await randomKey());
      headers["Idempotency-Key"] = idempotencyKey;
    }
    const text = JSON.stringify(body ?? {});
    return this.send(operation, kind, `/v1/op/${operation}`, { method: "POST", headers, body: text }, options,
      idempotencyKey);
  }

  /**
   * A `GET` of `path` (relative to the base URL) with the given headers; answers 2xx (and 304 with
   * `notModified`), else throws. `bearer: false` sends no `Authorization` (the path carries a token).
   */
  async get(operation: string, path: string, headers: Record<string, string>,
            options: RequestOptions = {}, how: GetOptions = {}): Promise<Response> {
    return this.send(operation, "read", path, { method: "GET", headers }, options, undefined, how);
  }

  private async send(operation: string, kind: RetryKind, path: string, init: RequestInit, options: RequestOptions,
                     idempotencyKey: string | undefined, how: GetOptions = {}): Promise<Response> {
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const headers = new Headers(init.headers);
    if (this.apiKey && how.bearer !== false) headers.set("Authorization", `Bearer ${this.apiKey}`);
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      let response: Response;
      try {
        response = await this.fetchImpl(this.baseUrl + path, { ...init, headers, signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (kind !== "write" && attempt < maxRetries) {
          await this.pause({ operation, attempt: attempt + 1, error, idempotencyKey,
            delayMs: this.backoff(attempt) }, options.signal);
          continue;
        }
        throw new ConnectionError(operation, error);
      }
      if (response.ok || (response.status === 304 && how.notModified)) return response;
      const problem = await readProblem(response);
      if (attempt < maxRetries && retryable(kind, response.status, problem)) {
        const delayMs = Math.min(retryAfterMs(response) ?? this.backoff(attempt), this.maxDelayMs);
        await this.pause({ operation, attempt: attempt + 1, status: response.status, idempotencyKey, delayMs },
          options.signal);
        continue;
      }
      throw errorFromProblem(response.status, problem, operation);
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.baseDelayMs * 2 ** attempt;
    return Math.min(this.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
  }

  private async pause(event: RetryEvent, signal: AbortSignal | undefined): Promise<void> {
    this.onRetry?.(event);
    await sleep(event.delayMs, signal);
  }
}

function retryable(kind: RetryKind, status: number, problem: Problem): boolean {
  if (status === 429) return true;
  if (kind === "write") return false;
  if (status >= 500) return true;
  return kind === "spend" && status === 409 && problem.code === "idempotency_key_in_flight";
}

/** `Retry-After` in seconds (the api's form) or as an HTTP date, in milliseconds. */
function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The problem document of a refused answer; an empty problem when the body is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => "");
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Problem;
  } catch {
    // not JSON: a proxy's or the HTTP codec's answer
  }
  return { status: response.status, detail: text.slice(0, 500) || undefined };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A random UUID: Web Crypto where it is global (browsers, Node 19+), else Node's crypto module (Node 18). */
async function randomKey(): Promise<string> {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  // Only reached on Node 18; bundlers for browsers are told not to resolve it (browsers have Web Crypto).
  const nodeCrypto = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:crypto");
  return nodeCrypto.randomUUID();
}
