// The README's quickstart, run as written: installed into a new app from this directory, against the stack.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freshTenant, stack } from "./support.mjs";

const run = promisify(execFile);
const sdkDir = fileURLToPath(new URL("..", import.meta.url));

test("the README quickstart installs, runs as written and leaves the clipped GeoTIFF of its job", async () => {
  const readme = await readFile(join(sdkDir, "README.md"), "utf8");
  const quickstart = /## Quickstart[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(quickstart, "the README has a js block under Quickstart");
  const code = quickstart.split("\n").filter((l) => l.trim() && !l.startsWith("import") && !l.startsWith("const area")
    && !l.startsWith("const request"));
  assert.equal(code.length, 5, `five lines after the imports and the request:\n${code.join("\n")}`);

  const app = await mkdtemp(join(tmpdir(), "geopera-quickstart-"));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "quickstart", private: true, type: "module" }));
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", sdkDir], { cwd: app });
  await writeFile(join(app, "quickstart.mjs"), quickstart);
  // A tenant of its own, so that the quickstart's job is the only one it has.
  const tenant = await freshTenant();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GEOPERA_URL: stack.url,
    GEOPERA_API_KEY: tenant.apiKey, GEOPERA_WORKSPACE_ID: tenant.workspaceId };
  const { stdout } = await run("node", ["quickstart.mjs"], { cwd: app, env, timeout: 180_000 });

  assert.match(stdout, /^estimate: \d+ credits$/m);
  assert.match(stdout, /^succeeded 100$/m);
  const tiff = await readFile(join(app, "clip.tif"));
  assert.deepEqual(tiff.subarray(0, 4), Buffer.from([0x49, 0x49, 0x2a, 0x00]));
  const { jobs } = await tenant.client().processing.jobs.list({ include: ["total"] });
  assert.equal(jobs.length, 1);
  const job = jobs[0];
  assert.equal(job.status, "succeeded");
  assert.equal(tiff.length, job.outputs[0].size_bytes);
});
