// Downloads: the bytes the worker wrote, resumed with Range after a broken connection or an abort.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ConnectionError } from "../dist/index.js";
import { downloadToFile } from "../dist/node.js";
import { client, observedFetch, stack, succeededClip } from "./support.mjs";

let job;
let onDisk;
let dir;

/** The file the worker wrote for the job (under the stack's storage root), as the api must serve it. */
async function storedOutput(jobId) {
  const files = [];
  async function walk(path) {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
    }
  }
  await walk(join(stack.storageRoot, stack.orgId, jobId));
  const tiffs = files.filter((f) => f.endsWith(".tif"));
  assert.equal(tiffs.length, 1, `one GeoTIFF under the job's directory: ${files}`);
  return readFile(tiffs[0]);
}

/** A fetch whose first download answer breaks after `cutAt` bytes of body, as a dropped connection does. */
function cuttingFetch(cutAt, requests) {
  return observedFetch(async (url, init, real) => {
    const response = await real();
    requests.push(new Headers(init.headers).get("Range"));
    if (!url.includes("/outputs/") || requests.length > 1) return response;
    const reader = response.body.getReader();
    let sent = 0;
    const broken = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        if (sent + value.byteLength >= cutAt) {
          controller.enqueue(value.subarray(0, cutAt - sent));
          sent = cutAt;
          await reader.cancel();
          controller.error(new TypeError("terminated: other side closed"));
          return;
        }
        sent += value.byteLength;
        controller.enqueue(value);
      },
    });
    return new Response(broken, { status: response.status, headers: response.headers });
  });
}

before(async () => {
  job = await succeededClip();
  assert.equal(job.status, "succeeded");
  onDisk = await storedOutput(job.job_id);
  dir = await mkdtemp(join(tmpdir(), "geopera-sdk-download-"));
});

test("processing.jobs.outputs.get yields exactly the bytes of the GeoTIFF the worker stored", async () => {
  let info;
  const chunks = [];
  const outputs = client().processing.jobs.outputs;
  for await (const chunk of outputs.get({ job_id: job.job_id, name: "result" }, { onInfo: (i) => { info = i; } })) {
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  assert.equal(bytes.length, job.outputs[0].size_bytes);
  assert.equal(info.size, job.outputs[0].size_bytes);
  assert.match(info.contentType, /^image\/tiff/);
  assert.deepEqual(bytes.subarray(0, 4), Buffer.from([0x49, 0x49, 0x2a, 0x00]), "a little-endian TIFF");
  assert.ok(bytes.equals(onDisk));
});

test("a connection broken in the middle of the body is resumed from the next byte with Range", async () => {
  const requests = [];
  const c = client({ fetch: cuttingFetch(1000, requests) });
  const chunks = [];
  for await (const chunk of c.download(job.job_id, "result")) chunks.push(chunk);
  assert.deepEqual(requests, [null, "bytes=1000-"]);
  assert.ok(Buffer.concat(chunks).equals(onDisk));
});

test("downloadToFile keeps the part of a broken download and fetches only the rest the next time", async () => {
  const path = join(dir, "clip.tif");
  const requests = [];
  const broken = client({ fetch: cuttingFetch(1500, requests) });
  await assert.rejects(downloadToFile(broken, job.job_id, "result", path, { maxRetries: 0 }), ConnectionError);
  assert.equal((await stat(`${path}.part`)).size, 1500);
  await assert.rejects(stat(path), { code: "ENOENT" });

  const resumedRequests = [];
  const c = client({ fetch: observedFetch((url, init, real) => {
    resumedRequests.push(new Headers(init.headers).get("Range"));
    return real();
  }) });
  const result = await downloadToFile(c, job.job_id, "result", path);
  assert.deepEqual(resumedRequests, ["bytes=1500-"]);
  assert.deepEqual([result.resumedFrom, result.bytes], [1500, onDisk.length]);
  assert.ok((await readFile(path)).equals(onDisk));
  await assert.rejects(stat(`${path}.part`), { code: "ENOENT" });
});

test("a .part that already holds the whole file completes without fetching a byte more", async () => {
  const path = join(dir, "whole.tif");
  await writeFile(`${path}.part`, onDisk);
  const result = await downloadToFile(client(), job.job_id, "result", path);
  assert.deepEqual([result.resumedFrom, result.bytes], [onDisk.length, onDisk.length]);
  assert.ok((await readFile(path)).equals(onDisk));
});

test("aborting a download in the middle rejects with the abort and leaves the part for a resume", async () => {
  const path = join(dir, "aborted.tif");
  const controller = new AbortController();
  const requests = [];
  // Hold the body after its first 700 bytes until the abort comes.
  const slow = client({ fetch: observedFetch(async (url, init, real) => {
    const response = await real();
    requests.push(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const body = new ReadableStream({
      start(c) {
        c.enqueue(bytes.subarray(0, 700));
        init.signal.addEventListener("abort", () => c.error(init.signal.reason), { once: true });
        setTimeout(() => controller.abort(), 50);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) });
  const error = await downloadToFile(slow, job.job_id, "result", path, { signal: controller.signal }).catch((e) => e);
  assert.equal(error?.name, "AbortError");
  assert.equal((await stat(`${path}.part`)).size, 700);
  const result = await downloadToFile(client(), job.job_id, "result", path);
  assert.equal(result.resumedFrom, 700);
  assert.ok((await readFile(path)).equals(onDisk));
});

test("an unknown output is NotFound", async () => {
  const error = await (async () => {
    for await (const _ of client().download(job.job_id, "nope")) { /* nothing */ }
  })().catch((e) => e);
  assert.equal(error?.name, "NotFound");
  assert.equal(error.status, 404);
});
