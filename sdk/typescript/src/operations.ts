/**
 * The method tree: one function per operation of sdk/openapi.json, at the path its operation id names
 * (`processing.catalog.estimate` → `client.processing.catalog.estimate`). Request and answer types come from the
 * types generated from that document (`src/generated/openapi.ts`, made by `npm run generate`); nothing here
 * repeats a schema. An operation id the document lacks does not compile.
 */
import type { operations } from "./generated/openapi.js";
import { downloadChunks, type DownloadOptions } from "./download.js";
import { cursorItems, ndjsonLines, type CursorPage } from "./streams.js";
import { mapPageOperation, previewOperation, tileJsonOperation, tileOperation } from "./tiles.js";
import type { RequestOptions, RetryKind, Transport } from "./transport.js";

/** Every operation id of the document. */
export type OperationId = keyof operations & string;

type JsonContent<T> = [T] extends [never] ? undefined
  : T extends { content: { "application/json": infer J } } ? J
  : T extends { content?: never } ? undefined
  : unknown;

type RequestOf<T> = T extends { requestBody: infer B } ? JsonContent<B>
  : T extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> | undefined
  : undefined;

type ResponsesOf<T> = T extends { responses: infer R } ? R : never;

type SuccessOf<R> = 200 extends keyof R ? JsonContent<R[200]>
  : 201 extends keyof R ? JsonContent<R[201]>
  : 204 extends keyof R ? undefined
  : unknown;

/** The JSON body operation `O` takes. */
export type RequestBody<O extends OperationId> = RequestOf<operations[O]>;
/** The JSON answer of operation `O` (undefined for 204). */
export type ResponseBody<O extends OperationId> = SuccessOf<ResponsesOf<operations[O]>>;

/** The body is optional when no member of it is required. */
type Arguments<O extends OperationId> = Record<string, never> extends NonNullable<RequestBody<O>>
  ? [body?: RequestBody<O>, options?: RequestOptions]
  : undefined extends RequestBody<O>
    ? [body?: RequestBody<O>, options?: RequestOptions]
    : [body: RequestBody<O>, options?: RequestOptions];

/** A function calling one operation; `operationId` names it. */
export interface Operation<O extends OperationId> {
  (...args: Arguments<O>): Promise<ResponseBody<O>>;
  readonly operationId: O;
  readonly retryKind: RetryKind;
}

type ItemsOf<R, K extends string> = R extends { [key in K]?: infer L } ? (L extends ReadonlyArray<infer I> ? I : unknown)
  : unknown;

/** A list operation that also answers NDJSON (`Accept: application/x-ndjson`), one item per line. */
export interface NdjsonOperation<O extends OperationId, K extends string> extends Operation<O> {
  /** The same list as NDJSON: each item, parsed as its line arrives. Breaking out of the loop closes the stream. */
  ndjson(...args: Arguments<O>): AsyncGenerator<ItemsOf<ResponseBody<O>, K>, void, undefined>;
}

/** A list operation with cursor pages (`has_more`, `next_cursor`). */
export interface PagedOperation<O extends OperationId, K extends string> extends NdjsonOperation<O, K> {
  /** Every item over all pages, asked for page by page with the cursor of the page before. */
  all(...args: Arguments<O>): AsyncGenerator<ItemsOf<ResponseBody<O>, K>, void, undefined>;
}

function operation<O extends OperationId>(transport: Transport, operationId: O, retryKind: RetryKind): Operation<O> {
  const call = (body?: unknown, options?: RequestOptions) =>
    transport.json(operationId, retryKind, body, options) as Promise<ResponseBody<O>>;
  return Object.assign(call, { operationId, retryKind }) as unknown as Operation<O>;
}

function ndjsonOperation<O extends OperationId, K extends string>(transport: Transport, operationId: O,
                                                                  itemsKey: K): NdjsonOperation<O, K> {
  const ndjson = async function* (body?: unknown, options?: RequestOptions) {
    const response = await transport.post(operationId, "read", body, "application/x-ndjson", options);
    yield* ndjsonLines<ItemsOf<ResponseBody<O>, K>>(response);
  };
  return Object.assign(operation(transport, operationId, "read"), { ndjson }) as unknown as NdjsonOperation<O, K>;
}

function pagedOperation<O extends OperationId, K extends string>(transport: Transport, operationId: O,
                                                                 itemsKey: K): PagedOperation<O, K> {
  const all = (body?: unknown, options?: RequestOptions) =>
    cursorItems<ItemsOf<ResponseBody<O>, K>>((body ?? {}) as Record<string, unknown>, async (request) => {
      const page = (await transport.json(operationId, "read", request, options)) as Record<string, unknown>;
      return {
        items: (page[itemsKey] ?? []) as ItemsOf<ResponseBody<O>, K>[],
        has_more: page.has_more as boolean | undefined,
        next_cursor: page.next_cursor as string | null | undefined,
      } satisfies CursorPage<ItemsOf<ResponseBody<O>, K>>;
    });
  return Object.assign(ndjsonOperation(transport, operationId, itemsKey), { all }) as PagedOperation<O, K>;
}

/** The path parameters of the output download: `{ job_id, name }`. */
export type OutputRef = operations["processing.jobs.outputs.get"]["parameters"]["path"];

/**
 * `GET /v1/processing/jobs/{job_id}/outputs/{name}`: the bytes of an output as they arrive, resumed with `Range`
 * where a broken connection stopped.
 */
export interface DownloadOperation {
  (output: OutputRef, options?: DownloadOptions): AsyncGenerator<Uint8Array, void, undefined>;
  readonly operationId: "processing.jobs.outputs.get";
  readonly retryKind: RetryKind;
}

function downloadOperation(transport: Transport): DownloadOperation {
  const get = (output: OutputRef, options?: DownloadOptions) =>
    downloadChunks(transport, output.job_id, output.name, options);
  return Object.assign(get, { operationId: "processing.jobs.outputs.get" as const, retryKind: "read" as const });
}

/** `client.processing`: the operations of the reference, with its names. */
export function processingOperations(t: Transport) {
  return {
    catalog: {
      list: ndjsonOperation(t, "processing.catalog.list", "processes"),
      get: operation(t, "processing.catalog.get", "read"),
      validate: operation(t, "processing.catalog.validate", "read"),
      estimate: operation(t, "processing.catalog.estimate", "read"),
    },
    create: operation(t, "processing.create", "spend"),
    create_and_dispatch: operation(t, "processing.create_and_dispatch", "spend"),
    dispatch: operation(t, "processing.dispatch", "spend"),
    execute: operation(t, "processing.execute", "spend"),
    job_types: {
      list: ndjsonOperation(t, "processing.job_types.list", "job_types"),
    },
    job: {
      get: operation(t, "processing.job.get", "read"),
      delete: operation(t, "processing.job.delete", "write"),
      register: operation(t, "processing.job.register", "spend"),
      tile_info: operation(t, "processing.job.tile_info", "read"),
    },
    jobs: {
      list: pagedOperation(t, "processing.jobs.list", "jobs"),
      outputs: {
        get: downloadOperation(t),
      },
      tiles: { get: tileOperation(t) },
      preview: { get: previewOperation(t) },
      tilejson: { get: tileJsonOperation(t) },
      map: { get: mapPageOperation(t) },
    },
    project_job: {
      get: operation(t, "processing.project_job.get", "read"),
    },
    project_jobs: {
      list: pagedOperation(t, "processing.project_jobs.list", "jobs"),
    },
  };
}

/** `client.admin`: organisations, workspaces, projects, keys, credits and the ledger audit (an admin key). */
export function adminOperations(t: Transport) {
  return {
    orgs: { create: operation(t, "admin.orgs.create", "write") },
    workspaces: { create: operation(t, "admin.workspaces.create", "write") },
    projects: {
      create: operation(t, "admin.projects.create", "write"),
      members: { add: operation(t, "admin.projects.members.add", "write") },
    },
    api_keys: {
      create: operation(t, "admin.api_keys.create", "write"),
      revoke: operation(t, "admin.api_keys.revoke", "write"),
    },
    credits: {
      grant: operation(t, "admin.credits.grant", "write"),
      balance: operation(t, "admin.credits.balance", "read"),
    },
    ledger: { audit: operation(t, "admin.ledger.audit", "read") },
  };
}

/**
 * `client.ops`: the operators' views and actions (an operator key with `ops:read` / `ops:write`, or an admin key;
 * docs/OPERATIONS-GUIDE.md). `client.ops.queues()` reads the queues and `client.ops.queues.pause(…)` acts on one,
 * as the operation ids `ops.queues` and `ops.queues.pause` say; likewise `client.ops.jobs()` and
 * `client.ops.jobs.retry(…)` / `cancel(…)`. The job actions are sent once (a repeated retry is refused, never run
 * twice).
 */
export function opsOperations(t: Transport) {
  return {
    queues: Object.assign(operation(t, "ops.queues", "read"), {
      pause: operation(t, "ops.queues.pause", "read"),
      resume: operation(t, "ops.queues.resume", "read"),
    }),
    workers: operation(t, "ops.workers", "read"),
    jobs: Object.assign(operation(t, "ops.jobs", "read"), {
      retry: operation(t, "ops.jobs.retry", "write"),
      cancel: operation(t, "ops.jobs.cancel", "write"),
    }),
    outbox: {
      parked: operation(t, "ops.outbox.parked", "read"),
      replay: operation(t, "ops.outbox.replay", "write"),
      discard: operation(t, "ops.outbox.discard", "write"),
    },
    audit: operation(t, "ops.audit", "read"),
  };
}

/** `client.auth`: session tokens made from an API key. */
export function authOperations(t: Transport) {
  return {
    sessions: {
      create: operation(t, "auth.sessions.create", "write"),
      revoke: operation(t, "auth.sessions.revoke", "write"),
    },
    logout: operation(t, "auth.logout", "write"),
  };
}
