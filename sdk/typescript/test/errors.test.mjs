// Problems of the api become typed errors carrying the problem's code.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AuthenticationError, Client, Conflict, ConnectionError, GeoperaError, InsufficientCredits, NotFound,
  PermissionDenied, ValidationError,
} from "../dist/index.js";
import { balance, CLIP_INPUTS, client, freshTenant, jobCount, stack } from "./support.mjs";

test("an execute with several bad fields throws one ValidationError listing every problem and stores nothing", async () => {
  const c = (await freshTenant()).client();
  const error = await c.processing.execute({ process_id: "no_such_process", inputs: { image: 7 } })
    .then(() => assert.fail("execute succeeded"), (e) => e);
  assert.ok(error instanceof ValidationError && error instanceof GeoperaError, error);
  assert.deepEqual([error.status, error.code], [422, "validation_failed"]);
  const pointers = error.errors.map((p) => p.pointer).sort();
  assert.deepEqual(pointers, ["/process_id", "/workspaceId"]);
  assert.equal(error.errors.find((p) => p.pointer === "/process_id").code, "unknown_process");
  assert.equal(await jobCount(c), 0);
});

test("invalid clip inputs are each named with their pointer", async () => {
  const error = await client().processing.catalog.validate({ process_id: "clip",
    inputs: { image: "file:../etc/passwd", aoi: { type: "Point" } } }).catch((e) => e);
  assert.ok(error instanceof ValidationError);
  const pointers = error.errors.map((p) => p.pointer);
  assert.ok(pointers.some((p) => p.startsWith("/inputs/image")), pointers.join());
  assert.ok(pointers.some((p) => p.startsWith("/inputs/aoi")), pointers.join());
});

test("an unknown job is NotFound with code job_not_found", async () => {
  const error = await client().processing.job.get({ job_id: "job_01AAAAAAAAAAAAAAAAAAAAAAAA" }).catch((e) => e);
  assert.ok(error instanceof NotFound);
  assert.deepEqual([error.status, error.code, error.operation], [404, "job_not_found", "processing.job.get"]);
});

test("an org without credits gets InsufficientCredits with what it has and needs, and no job", async () => {
  const poor = await freshTenant({ credits: 0 });
  const c = poor.client();
  const error = await c.processing.execute({ process_id: "clip", workspaceId: poor.workspaceId,
    inputs: CLIP_INPUTS }).catch((e) => e);
  assert.ok(error instanceof InsufficientCredits, error);
  assert.equal(error.code, "insufficient_credits");
  assert.equal(error.available, 0);
  assert.ok(error.required > 0);
  assert.equal(await jobCount(c), 0);
});

test("a wrong key is an AuthenticationError and a key without the scope a PermissionDenied naming it", async () => {
  const stranger = new Client({ baseUrl: stack.url, apiKey: "gpra_aaaaaaaaaaaaBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" });
  const unauthenticated = await stranger.processing.jobs.list().catch((e) => e);
  assert.ok(unauthenticated instanceof AuthenticationError);
  assert.deepEqual([unauthenticated.status, unauthenticated.code], [401, "unauthenticated"]);

  const reader = await freshTenant({ scopes: ["processing:read"] });
  const denied = await reader.client().processing.execute({ process_id: "clip", workspaceId: reader.workspaceId,
    inputs: CLIP_INPUTS }).catch((e) => e);
  assert.ok(denied instanceof PermissionDenied, denied);
  assert.deepEqual([denied.code, denied.requiredScope], ["insufficient_scope", "processing:process"]);
});

test("dispatching a cancelled job is a Conflict (illegal_transition) and holds nothing", async () => {
  const tenant = await freshTenant();
  const c = tenant.client();
  const job = await c.processing.create({ process_id: "clip", workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS });
  const notReady = await c.processing.job.tile_info({ job_id: job.job_id }).catch((e) => e);
  assert.ok(notReady instanceof Conflict, notReady);
  assert.equal(notReady.code, "output_not_ready");
  const cancelled = await c.processing.job.delete({ job_id: job.job_id });
  assert.equal(cancelled.status, "cancelled");
  const error = await c.processing.dispatch({ job_id: job.job_id }).catch((e) => e);
  assert.ok(error instanceof Conflict, error);
  assert.deepEqual([error.status, error.code], [409, "illegal_transition"]);
  assert.equal((await c.processing.job.get({ job_id: job.job_id })).status, "cancelled");
  const after = await balance(tenant.orgId);
  assert.deepEqual([after.pending, after.available], [0, 100_000], "no hold was added");
});

test("an api that cannot be reached is a ConnectionError after the retries", async () => {
  const retries = [];
  const c = new Client({ baseUrl: "http://127.0.0.1:9", apiKey: stack.apiKey, maxRetries: 2, retryBaseDelayMs: 10,
    onRetry: (event) => retries.push(event) });
  const error = await c.processing.job.get({ job_id: "job_x" }).catch((e) => e);
  assert.ok(error instanceof ConnectionError, error);
  assert.equal(retries.length, 2);
});
