// waitForJob and AbortSignal.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WaitTimeoutError } from "../dist/index.js";
import { CLIP_INPUTS, client, stack } from "./support.mjs";

test("waitForJob follows an executed job to succeeded, reporting each change of status", async () => {
  const c = client();
  const job = await c.processing.execute({ process_id: "clip", workspaceId: stack.workspaceId, inputs: CLIP_INPUTS });
  const statuses = [];
  const done = await c.waitForJob(job.job_id, { timeoutMs: 120_000, intervalMs: 100,
    onProgress: (j) => statuses.push(j.status) });
  assert.equal(done.status, "succeeded");
  assert.equal(done.progress, 100);
  assert.equal(statuses.at(-1), "succeeded");
  assert.ok(statuses.length >= 2 && ["queued", "running"].includes(statuses[0]), statuses.join());
});

test("waitForJob gives up with WaitTimeoutError carrying the last view of a job that never runs", async () => {
  const c = client();
  const job = await c.processing.create({ process_id: "clip", workspaceId: stack.workspaceId, inputs: CLIP_INPUTS });
  const started = Date.now();
  const error = await c.waitForJob(job.job_id, { timeoutMs: 700, intervalMs: 100 }).catch((e) => e);
  assert.ok(error instanceof WaitTimeoutError, error);
  assert.equal(error.job.status, "created");
  assert.ok(Date.now() - started < 5000);
  await c.processing.job.delete({ job_id: job.job_id });
});

test("an aborted signal stops waitForJob at once with the signal's reason", async () => {
  const c = client();
  const job = await c.processing.create({ process_id: "clip", workspaceId: stack.workspaceId, inputs: CLIP_INPUTS });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 300);
  const error = await c.waitForJob(job.job_id, { signal: controller.signal, intervalMs: 5000 }).catch((e) => e);
  assert.equal(error?.name, "AbortError");
  assert.ok(Date.now() - started < 2000, "it did not sleep out its interval");
  await c.processing.job.delete({ job_id: job.job_id });
});

test("an already aborted signal sends nothing, and AbortSignal.timeout cuts a call short", async () => {
  let sent = 0;
  const c = client({ fetch: (url, init) => { sent++; return fetch(url, init); } });
  const error = await c.processing.catalog.list(undefined, { signal: AbortSignal.abort() }).catch((e) => e);
  assert.equal(error?.name, "AbortError");
  assert.equal(sent, 0);

  const timeout = await c.processing.catalog.estimate({ process_id: "clip", inputs: CLIP_INPUTS },
    { signal: AbortSignal.timeout(1) }).catch((e) => e);
  assert.ok(["TimeoutError", "AbortError"].includes(timeout?.name), String(timeout));
});
