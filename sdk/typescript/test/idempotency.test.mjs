// Spend operations carry an Idempotency-Key and are retried with it: one job, charged once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimited, ServerError } from "../dist/index.js";
import { balance, CLIP_INPUTS, freshTenant, jobCount, observedFetch, stack } from "./support.mjs";

test("the same Idempotency-Key twice answers the same job and holds its credits once", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  const c = tenant.client();
  const body = { process_id: "clip", workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS };
  const first = await c.processing.execute(body, { idempotencyKey: "sdk-same-key-1" });
  const second = await c.processing.execute(body, { idempotencyKey: "sdk-same-key-1" });
  assert.equal(second.job_id, first.job_id);
  assert.equal(await jobCount(c), 1);
  const held = await balance(tenant.orgId);
  assert.equal(1000 - held.available, first.billing.reserved_credits);

  const done = await c.waitForJob(first.job_id, { timeoutMs: 120_000 });
  const settled = await balance(tenant.orgId);
  assert.deepEqual([settled.posted, settled.pending], [1000 - done.billing.charged_credits, 0]);
});

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
  const held = await balance(tenant.orgId);
  assert.equal(1000 - held.available, job.billing.reserved_credits);
  assert.equal(held.pending, job.billing.reserved_credits);
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
  assert.equal((await balance(tenant.orgId)).pending, job.billing.reserved_credits);
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

test("a 429 is retried after its Retry-After with the same key, and answers once the rate allows", async () => {
  const tenant = await freshTenant({ credits: 1000 });
  // Keep the org's bucket empty: 48 callers asking as fast as they can, without retrying, until told to stop.
  const impatient = tenant.client({ maxRetries: 0 });
  const refusals = [];
  let flooding = true;
  const flood = Array.from({ length: 48 }, async () => {
    while (flooding) {
      await impatient.processing.job_types.list().catch((e) => refusals.push(e));
    }
  });
  const deadline = Date.now() + 20_000;
  while (refusals.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (refusals.length === 0) {
    flooding = false;
    await Promise.all(flood);
    assert.fail("no 429 in 20 s: run the stack with low GEOPERA_LIMITS_REQUESTS_PER_SECOND and GEOPERA_LIMITS_BURST");
  }
  assert.ok(refusals[0] instanceof RateLimited && refusals[0].code === "rate_limited", String(refusals[0]));
  assert.ok(refusals[0].retryAfterSeconds >= 1);

  // The flood stops as soon as the execute is refused, so that its retry finds the bucket refilled.
  const retries = [];
  const patient = tenant.client({ onRetry: (event) => { retries.push(event); flooding = false; } });
  const executed = [];
  try {
    // An execute slipping through between two flood requests is possible (rarely): then try once more.
    for (let i = 0; i < 5 && retries.length === 0; i++) {
      const started = Date.now();
      const job = await patient.processing.execute({ process_id: "clip", workspaceId: tenant.workspaceId,
        inputs: CLIP_INPUTS }, { idempotencyKey: `sdk-after-429-${i}` });
      executed.push({ job, key: `sdk-after-429-${i}`, ms: Date.now() - started });
    }
  } finally {
    flooding = false;
    await Promise.all(flood);
  }
  assert.ok(retries.length >= 1, "an execute was refused with 429");
  const last = executed.at(-1);
  assert.ok(retries.every((r) => r.status === 429 && r.idempotencyKey === last.key), JSON.stringify(retries));
  assert.ok(retries[0].delayMs >= 1000 && last.ms >= 1000, "it waited the Retry-After");
  assert.equal(last.job.status, "queued");
  assert.equal(await jobCount(patient), executed.length, "one job per execute, retries included");
});
