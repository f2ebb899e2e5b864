// The built package in a real browser (Debian's headless Chromium): loaded as plain ES modules, calling the api
// through a same-origin gateway, as a web app behind the platform's ingress does. Nothing of Node is needed.
import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CLIP_INPUTS, freshTenant, stack } from "./support.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const api = new URL(stack.url);
let server;
let origin;
let context;
let profile;

/** Serves /sdk/* from dist/ and an empty page; forwards /v1/* to the api unchanged. */
function gateway(req, res) {
  const url = new URL(req.url, "http://gateway");
  if (url.pathname.startsWith("/v1/")) {
    const upstream = httpRequest({ host: api.hostname, port: api.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: api.host } }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
    return;
  }
  if (url.pathname.startsWith("/sdk/")) {
    const file = normalize(join(dist, url.pathname.slice("/sdk/".length)));
    if (!file.startsWith(dist) || !file.endsWith(".js")) return res.writeHead(404).end();
    stat(file).then(() => {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      createReadStream(file).pipe(res);
    }, () => res.writeHead(404).end());
    return;
  }
  res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>sdk</title>");
}

before(async () => {
  server = createServer(gateway);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = await mkdtemp(join(tmpdir(), "geopera-sdk-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
  if (profile) await rm(profile, { recursive: true, force: true });
});

test("in Chromium the SDK estimates, executes, waits for and downloads a clip, and throws typed errors", async () => {
  const tenant = await freshTenant();
  const page = await context.newPage();
  const failedModules = [];
  page.on("requestfailed", (r) => failedModules.push(r.url()));
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async ({ apiKey, workspaceId, inputs }) => {
    const { Client, ValidationError } = await import("/sdk/index.js");
    const client = new Client({ baseUrl: location.origin, apiKey });
    const request = { process_id: "clip", workspaceId, inputs };
    const estimate = await client.processing.catalog.estimate(request);
    const job = await client.processing.execute(request);
    const done = await client.waitForJob(job.job_id, { timeoutMs: 120000, intervalMs: 200 });
    const chunks = [];
    for await (const chunk of client.download(done.job_id, "result")) chunks.push(...chunk);
    const lines = [];
    for await (const j of client.processing.jobs.list.ndjson({})) lines.push(j.job_id);
    let refusal;
    try {
      await client.processing.execute({ process_id: "clip", inputs });
    } catch (e) {
      refusal = { isValidationError: e instanceof ValidationError, code: e.code,
        pointers: e.errors.map((p) => p.pointer) };
    }
    return { credits: estimate.credits, jobId: job.job_id, status: done.status, size: done.outputs[0].size_bytes,
      bytes: chunks.length, head: chunks.slice(0, 4), lines, refusal, hasProcess: typeof process !== "undefined" };
  }, { apiKey: tenant.apiKey, workspaceId: tenant.workspaceId, inputs: CLIP_INPUTS });

  assert.deepEqual(failedModules, []);
  assert.equal(result.hasProcess, false, "a browser, not Node");
  assert.ok(result.credits > 0);
  assert.equal(result.status, "succeeded");
  assert.equal(result.bytes, result.size);
  assert.deepEqual(result.head, [0x49, 0x49, 0x2a, 0x00]);
  assert.deepEqual(result.lines, [result.jobId]);
  assert.deepEqual(result.refusal, { isValidationError: true, code: "validation_failed", pointers: ["/workspaceId"] });
});
