// Run alone, after the other files (npm test): a real 429 needs the org's bucket emptied faster than it refills,
// which a busy machine running four test files at once may not manage.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimited } from "../dist/index.js";
import { CLIP_INPUTS, freshTenant, jobCount } from "./support.mjs";

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
  const deadline = Date.now() + 60_000;
  while (refusals.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (refusals.length === 0) {
    flooding = false;
    await Promise.all(flood);
    assert.fail("no 429 in 60 s: run the stack with low GEOPERA_LIMITS_REQUESTS_PER_SECOND and GEOPERA_LIMITS_BURST");
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
