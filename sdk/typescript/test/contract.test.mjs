// The SDK against the contract: every operation of sdk/openapi.json has a method at the path its id names, and every
// method calls an operation of the document. Needs no running api.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { Client } from "../dist/index.js";

const document = JSON.parse(await readFile(new URL("../../openapi.json", import.meta.url), "utf8"));
const client = new Client({ baseUrl: "http://127.0.0.1:9", apiKey: "unused" });
const NAMESPACES = ["processing", "admin", "auth", "ops"];
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/**
 * Every operation of the document: [path, method, operationId]. `/v1/op/…` aliases are the same operations.
 * `OPTIONS` are the CORS preflights a browser sends before a tile or TileJSON request, not operations a client calls.
 */
function documentOperations() {
  const found = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS.filter((m) => m !== "options")) {
      if (item[method]) found.push({ path, method, id: item[method].operationId });
    }
  }
  return found;
}

/** Every function of the client's namespaces, by where it sits: ["processing.catalog.estimate", fn]. */
function clientMethods() {
  const found = [];
  const walk = (node, path) => {
    for (const [key, value] of Object.entries(node)) {
      const where = `${path}.${key}`;
      if (typeof value === "function") {
        found.push([where, value]);
        // An operation that is a namespace too (client.ops.queues() beside client.ops.queues.pause()); the helpers
        // of list operations (ndjson, all) call their own operation and are not walked.
        for (const [sub, inner] of Object.entries(value)) {
          if (typeof inner === "function" && inner.operationId !== undefined) walk({ [sub]: inner }, where);
        }
      } else if (value && typeof value === "object") walk(value, where);
    }
  };
  for (const ns of NAMESPACES) walk(client[ns], ns);
  return found;
}

const operationIds = new Set(documentOperations()
  .filter((o) => !o.path.startsWith("/v1/op/") && o.id !== undefined).map((o) => o.id));

test("every operation of sdk/openapi.json has a client method at the path its operation id names", () => {
  assert.ok(operationIds.size >= 25, `${operationIds.size} operations in the document`);
  const methods = new Map(clientMethods());
  const missing = [...operationIds].filter((id) => methods.get(id)?.operationId !== id);
  assert.deepEqual(missing, []);
});

test("every client method calls an operation of the document, named by its path", () => {
  const strays = clientMethods().filter(([where, fn]) => fn.operationId !== where || !operationIds.has(where));
  assert.deepEqual(strays.map(([where]) => where), []);
});

test("each /v1/op alias of the document is an operation the client has", () => {
  const aliases = documentOperations().filter((o) => o.path.startsWith("/v1/op/"));
  assert.ok(aliases.length >= 25);
  for (const alias of aliases) {
    assert.ok(operationIds.has(alias.path.slice("/v1/op/".length)), alias.path);
  }
});

test("every path and method of the document has an operation id, so none escapes these checks", () => {
  assert.deepEqual(documentOperations().filter((o) => typeof o.id !== "string").map((o) => `${o.method} ${o.path}`), []);
  assert.ok(operationIds.has("processing.jobs.outputs.get"), "the output download is an operation");
  for (const id of ["tiles", "preview", "tilejson", "map"]) {
    assert.ok(operationIds.has(`processing.jobs.${id}.get`), `the ${id} GET is an operation`);
  }
});

test("the package's version is the api's version (the Maven project version)", async () => {
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  const pom = await readFile(new URL("../../../pom.xml", import.meta.url), "utf8");
  const version = /<artifactId>geopera-processing<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
  assert.ok(version, "the root pom names its version");
  assert.equal(pkg.version, version);
});
