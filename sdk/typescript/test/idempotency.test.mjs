// Spend operations carry an Idempotency-Key and are retried with it: one job, charged once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ServerError } from "../dist/index.js";
import { balance, CLIP_INPUTS, freshTenant, jobCount, observedFetch, stack } from "./support.mjs";

test("the same Idempotency-Key twice answers the same job and holds its credits once", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  const c = tenant.client();
  const body = { process_id: "clip", workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS };
  const first = await c.processing.execute(body, { idempotencyKey: "sdk-same-key-1" });
  const second = await c.processing.execute(body, { idempotencyKey: "sdk-same-key-1" });
  assert.equal(second.job_id, first.job_id);
  assert.equal(await jobCount(c), 1);
  await assertChargedOnce(c, tenant, first);
});

// The stack's workers may run the job before the test reads the balance, so "held once" is checked where it
// cannot race: once the job ended, the org paid its charge exactly once and holds nothing.
async function assertChargedOnce(c, tenant, job) {
  const done = await c.waitForJob(job.job_id, { timeoutMs: 120_000 });
  assert.equal(done.status, "succeeded");
  const settled = await balance(tenant.orgId);
  assert.deepEqual([settled.posted, settled.pending, settled.available],
    [1000 - done.billing.charged_credits, 0, 1000 - done.billing.charged_credits]);
}

test("each call gets its own generated key: two executes without a key are two jobs", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  const keys = [];
  const c = tenant.client({ fetch: observedFetch((url, init, real) => {
    keys.push(new Headers(init.headers).get("Idempotency-Key"));
    return real();
  }) });
  const body = { process_id: "clip", workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS };
  const a = await c.processing.create(body);
  const b = await c.processing.create(body);
  assert.notEqual(a.job_id, b.job_id);
  assert.equal(keys.length, 2);
  assert.match(keys[0], /^[0-9a-f-]{36}$/);
  assert.notEqual(keys[0], keys[1]);
});

test("an execute whose answer is lost on the network is retried with its key: one job, held once", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  const sent = [];
  let replayed = null;
  const c = tenant.client({ retryBaseDelayMs: 50, fetch: observedFetch(async (url, init, real) => {
    sent.push(new Headers(init.headers).get("Idempotency-Key"));
    const response = await real();
    if (sent.length === 1) {
      await response.body?.cancel();
      throw new TypeError("fetch failed: connection reset after the request was sent");
    }
    replayed = response.headers.get("Idempotency-Replayed");
    return response;
  }) });
  const job = await c.processing.execute({ process_id: "clip", workspaceId: tenant.workspaceId,
    inputs: CLIP_INPUTS });
  assert.equal(sent.length, 2);
  assert.equal(sent[1], sent[0], "the retry reuses the key");
  assert.equal(replayed, "true", "the api replayed the first answer");
  assert.equal(await jobCount(c), 1);
  await assertChargedOnce(c, tenant, job);
});

test("a gateway's 504 after the api ran the execute is retried with the key and replayed: one job, held once", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  const keys = [];
  const c = tenant.client({ retryBaseDelayMs: 50, fetch: observedFetch(async (url, init, real) => {
    keys.push(new Headers(init.headers).get("Idempotency-Key"));
    const response = await real();
    if (keys.length > 1) return response;
    // A proxy in front of the api timed out waiting and answered for it; the api did the work.
    await response.body?.cancel();
    return new Response("<html>504 Gateway Time-out</html>", { status: 504, headers: { "Content-Type": "text/html" } });
  }) });
  const job = await c.processing.execute({ process_id: "clip", workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS });
  assert.deepEqual([keys.length, keys[1]], [2, keys[0]]);
  assert.equal(await jobCount(c), 1);
  await assertChargedOnce(c, tenant, job);
});

test("a 502 that never reached the api is retried, and without retries it is a ServerError", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  let calls = 0;
  const gateway = (retries) => tenant.client({ maxRetries: retries, retryBaseDelayMs: 50,
    fetch: observedFetch(async (url, init, real) => {
      calls++;
      if (calls === 1) return new Response("bad gateway", { status: 502 });
      return real();
    }) });
  const error = await gateway(0).processing.create({ process_id: "clip", workspaceId: tenant.workspaceId,
    inputs: CLIP_INPUTS }).catch((e) => e);
  assert.ok(error instanceof ServerError, error);
  assert.deepEqual([error.status, error.code, error.problem.detail], [502, "unknown", "bad gateway"]);
  assert.equal(await jobCount(tenant.client()), 0);

  calls = 0;
  const job = await gateway(2).processing.create({ process_id: "clip", workspaceId: tenant.workspaceId,
    inputs: CLIP_INPUTS });
  assert.equal(job.status, "created");
  assert.equal(calls, 2);
  assert.equal(await jobCount(tenant.client()), 1);
});
