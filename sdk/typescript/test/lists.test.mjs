// Async iterators over cursor pages and over the NDJSON stream.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CLIP_INPUTS, freshTenant, observedFetch } from "./support.mjs";

async function tenantWithJobs(count) {
  const requests = [];
  const tenant = await freshTenant();
  const c = tenant.client({ fetch: observedFetch((url, init, real) => {
    requests.push({ url, body: init.body ? JSON.parse(init.body) : undefined, accept: new Headers(init.headers).get("Accept") });
    return real();
  }) });
  const ids = [];
  for (let i = 0; i < count; i++) {
    const job = await c.processing.create({ process_id: "clip", workspaceId: tenant.workspaceId,
      project_id: tenant.projectId, title: `page test ${i}`, inputs: CLIP_INPUTS });
    ids.push(job.job_id);
  }
  requests.length = 0;
  return { tenant, c, ids, requests };
}

test("jobs.list.all pages through every job with cursors, each job once, newest first", async () => {
  const { c, ids, requests } = await tenantWithJobs(7);
  const seen = [];
  for await (const job of c.processing.jobs.list.all({ limit: 3 })) seen.push(job.job_id);
  assert.deepEqual(seen, [...ids].reverse());
  assert.equal(requests.length, 3, "pages of 3, 3 and 1");
  assert.equal(requests[0].body.cursor, undefined);
  assert.ok(requests[1].body.cursor && requests[2].body.cursor && requests[1].body.cursor !== requests[2].body.cursor);
  assert.ok(requests.every((r) => r.body.limit === 3));
});

test("project_jobs.list.all pages a project's jobs with cursors", async () => {
  const { c, tenant, ids, requests } = await tenantWithJobs(5);
  const seen = [];
  for await (const job of c.processing.project_jobs.list.all({ project_id: tenant.projectId, limit: 2 })) {
    assert.equal(job.project_id, tenant.projectId);
    seen.push(job.job_id);
  }
  assert.deepEqual(new Set(seen), new Set(ids));
  assert.equal(seen.length, 5);
  assert.equal(requests.length, 3);
});

test("jobs.list.ndjson yields each job of the page as its line arrives, and a break stops reading", async () => {
  const { c, ids, requests } = await tenantWithJobs(4);
  const lines = [];
  for await (const job of c.processing.jobs.list.ndjson({ limit: 10, sort: "created_at" })) {
    assert.equal(typeof job.status, "string");
    lines.push(job.job_id);
  }
  assert.equal(requests[0].accept, "application/x-ndjson");
  const page = await c.processing.jobs.list({ limit: 10, sort: "created_at" });
  assert.deepEqual(lines, page.jobs.map((j) => j.job_id));
  assert.deepEqual(new Set(lines), new Set(ids));

  const first = [];
  for await (const job of c.processing.jobs.list.ndjson({ limit: 10 })) {
    first.push(job.job_id);
    break;
  }
  assert.equal(first.length, 1);
});

test("catalog.list.ndjson yields every process of the catalog", async () => {
  const { c } = await tenantWithJobs(0);
  const ids = [];
  for await (const process of c.processing.catalog.list.ndjson()) ids.push(process.id);
  assert.deepEqual(ids, (await c.processing.catalog.list()).processes.map((p) => p.id));
  assert.ok(ids.includes("clip"));
});
