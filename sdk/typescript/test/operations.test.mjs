// Every operation of the api through the SDK's method tree, against the running stack.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AuthenticationError, Client } from "../dist/index.js";
import { admin, balance, CLIP_INPUTS, client, freshTenant, stack, succeededClip } from "./support.mjs";

test("the catalog operations list, describe, validate and estimate the clip process", async () => {
  const c = client();
  const catalog = await c.processing.catalog.list();
  const clip = catalog.processes.find((p) => p.id === "clip");
  assert.ok(clip, "clip is in the catalog");
  assert.equal(clip.job_type, "clip");

  const described = await c.processing.catalog.get({ process_id: "clip" });
  assert.equal(described.id, "clip");
  assert.ok(described.inputs.image && described.inputs.aoi, "the description names the image and aoi inputs");

  assert.equal(await c.processing.catalog.validate({ process_id: "clip", inputs: CLIP_INPUTS }), undefined);

  const estimate = await c.processing.catalog.estimate({ process_id: "clip", inputs: CLIP_INPUTS });
  assert.equal(estimate.process_id, "clip");
  assert.ok(Number.isInteger(estimate.credits) && estimate.credits > 0, `credits ${estimate.credits}`);
  assert.ok(estimate.basis.area_km2 > 100 && estimate.basis.area_km2 < 1000, "about 0.2° × 0.2° at 49.7° N");
});

test("the job types list names the clip queue and its processes, also as NDJSON", async () => {
  const c = client();
  const types = await c.processing.job_types.list();
  const clip = types.job_types.find((t) => t.name === "clip");
  assert.deepEqual({ queue: clip.queue, clip: clip.processes.includes("clip") }, { queue: "clip", clip: true });
  const lines = [];
  for await (const type of c.processing.job_types.list.ndjson()) lines.push(type.name);
  assert.deepEqual(lines, types.job_types.map((t) => t.name));
});

test("create, dispatch, job.get, project_job.get and job.delete walk a job from created to cancelled", async () => {
  const c = client();
  const created = await c.processing.create({ process_id: "clip", workspaceId: stack.workspaceId,
    project_id: stack.projectId, title: "sdk create", inputs: CLIP_INPUTS });
  assert.equal(created.status, "created");
  assert.equal(created.billing.status, "none");
  assert.ok(created.billing.estimated_credits > 0);

  const queued = await c.processing.dispatch({ job_id: created.job_id });
  assert.deepEqual([queued.status, queued.attempt, queued.billing.status], ["queued", 1, "reserved"]);

  const fetched = await c.processing.job.get({ job_id: created.job_id });
  assert.equal(fetched.title, "sdk create");
  assert.deepEqual(fetched.inputs.aoi, CLIP_INPUTS.aoi);
  const viaProject = await c.processing.project_job.get({ job_id: created.job_id });
  assert.equal(viaProject.project_id, stack.projectId);

  const end = await c.waitForJob(created.job_id, { timeoutMs: 120_000 });
  const deleted = await c.processing.job.delete({ job_id: created.job_id });
  assert.equal(deleted.job_id, created.job_id);
  assert.ok(deleted.outputs_deleted_at || deleted.status === "cancelled", `deleted ${JSON.stringify(deleted)}`);
  assert.ok(["succeeded", "cancelled"].includes(end.status));
});

test("create_and_dispatch answers a queued job with its credits reserved", async () => {
  const tenant = await freshTenant();
  const c = tenant.client();
  const before = await balance(tenant.orgId);
  const job = await c.processing.create_and_dispatch({ process_id: "clip", workspaceId: tenant.workspaceId,
    inputs: CLIP_INPUTS });
  assert.equal(job.status, "queued");
  assert.equal(job.billing.status, "reserved");
  const end = await c.waitForJob(job.job_id, { timeoutMs: 120_000 });
  assert.equal(end.status, "succeeded");
  const after = await balance(tenant.orgId);
  assert.equal(before.posted - after.posted, end.billing.charged_credits);
});

test("execute runs a clip to a succeeded job whose tile_info describes the clipped area", async () => {
  const c = client();
  const done = await succeededClip(c);
  assert.equal(done.status, "succeeded");
  assert.equal(done.outputs[0].name, "result");
  const tiles = await c.processing.job.tile_info({ job_id: done.job_id });
  assert.equal(tiles.tilejson, "3.0.0");
  assert.ok(tiles.tiles[0].startsWith(`${stack.url}/v1/processing/jobs/${done.job_id}/tiles/`), tiles.tiles[0]);
  const [w, s, e, n] = tiles.bounds;
  assert.ok(w >= 5.99 && s >= 49.59 && e <= 6.21 && n <= 49.81 && w < e && s < n, `bounds ${tiles.bounds}`);
});

test("jobs.list and project_jobs.list find a job of the project", async () => {
  const c = client();
  const job = await c.processing.create({ process_id: "clip", workspaceId: stack.workspaceId,
    project_id: stack.projectId, inputs: CLIP_INPUTS });
  const page = await c.processing.jobs.list({ ids: job.job_id });
  assert.deepEqual(page.jobs.map((j) => j.job_id), [job.job_id]);
  const project = await c.processing.project_jobs.list({ project_id: stack.projectId, status: "created" });
  assert.ok(project.jobs.some((j) => j.job_id === job.job_id));
  await c.processing.job.delete({ job_id: job.job_id });
});

test("job.register of a created job with an external output settles it at its estimate", async () => {
  const tenant = await freshTenant();
  const c = tenant.client();
  const before = await balance(tenant.orgId);
  const job = await c.processing.create({ process_id: "clip", workspaceId: tenant.workspaceId,
    inputs: CLIP_INPUTS });
  const href = "https://data.example.org/clips/result.tif";
  const registered = await c.processing.job.register({ job_id: job.job_id,
    outputs: [{ name: "result", href, media_type: "image/tiff" }] });
  assert.equal(registered.status, "succeeded");
  assert.equal(registered.billing.status, "settled");
  assert.deepEqual([registered.outputs[0].href, registered.outputs[0].external], [href, true]);
  const after = await balance(tenant.orgId);
  assert.equal(before.posted - after.posted, registered.billing.charged_credits);
  assert.equal(registered.billing.charged_credits, Math.max(1, job.billing.estimated_credits));
});

test("the admin operations make an org that can be granted credits and given a key, then revoke the key", async () => {
  const tenant = await freshTenant({ credits: 0 });
  const a = admin();
  const granted = await a.admin.credits.grant({ org_id: tenant.orgId, credits: 40, reference: "sdk-grant-1" });
  assert.equal(granted.available, 40);
  const again = await a.admin.credits.grant({ org_id: tenant.orgId, credits: 40, reference: "sdk-grant-1" });
  assert.deepEqual([again.available, again.already_granted], [40, true]);
  const b = await a.admin.credits.balance({ org_id: tenant.orgId });
  assert.deepEqual([b.available, b.invariants_ok], [40, true]);

  const listed = await tenant.client().processing.jobs.list({ include: ["total"] });
  assert.equal(listed.total, 0);
  const revoked = await a.admin.api_keys.revoke({ key_id: tenant.keyId });
  assert.equal(revoked.revoked, true);
  await assert.rejects(tenant.client().processing.jobs.list(), AuthenticationError);
});

test("a session made with auth.sessions.create works until it is revoked, and logout ends another", async () => {
  const c = client();
  const session = await c.auth.sessions.create({ scopes: ["processing:read"], ttl_seconds: 600 });
  assert.ok(session.token.startsWith("gprs_"));
  const withSession = new Client({ baseUrl: stack.url, apiKey: session.token });
  assert.ok(Array.isArray((await withSession.processing.jobs.list({ limit: 1 })).jobs));
  const revoked = await c.auth.sessions.revoke({ session_id: session.session_id });
  assert.equal(revoked.revoked, true);
  await assert.rejects(withSession.processing.jobs.list({ limit: 1 }), AuthenticationError);

  const second = await c.auth.sessions.create({});
  const secondClient = new Client({ baseUrl: stack.url, apiKey: second.token });
  const out = await secondClient.auth.logout({});
  assert.deepEqual([out.session_id, out.revoked], [second.session_id, true]);
  await assert.rejects(secondClient.processing.jobs.list({ limit: 1 }), AuthenticationError);
});
