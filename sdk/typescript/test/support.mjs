// What every test file shares: the running stack it is pointed at, and small helpers over the SDK itself.
import { Client } from "../dist/index.js";

/** The stack under test, from the environment the system test (or a developer) sets. Missing → the suite fails. */
export const stack = Object.freeze({
  url: required("GEOPERA_URL"),
  apiKey: required("GEOPERA_API_KEY"),
  adminKey: required("GEOPERA_ADMIN_KEY"),
  orgId: required("GEOPERA_ORG_ID"),
  workspaceId: required("GEOPERA_WORKSPACE_ID"),
  projectId: required("GEOPERA_PROJECT_ID"),
  storageRoot: required("GEOPERA_STORAGE_ROOT"),
});

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite against a stack (see README "Tests")`);
  return value;
}

/** A clip of the real DEM of Luxembourg in the stack's input root, to a small polygon inside it. */
export const AOI = {
  type: "Polygon",
  coordinates: [[[6.0, 49.6], [6.2, 49.6], [6.2, 49.8], [6.0, 49.8], [6.0, 49.6]]],
};
export const CLIP_INPUTS = { image: "file:elev.tif", aoi: AOI };

export function client(options = {}) {
  return new Client({ baseUrl: stack.url, apiKey: stack.apiKey, ...options });
}

export function admin(options = {}) {
  return new Client({ baseUrl: stack.url, apiKey: stack.adminKey, ...options });
}

/** The test org's balance: posted, pending, available (admin.credits.balance). */
export async function balance(orgId = stack.orgId) {
  return admin().admin.credits.balance({ org_id: orgId });
}

/** How many jobs the org has in all (jobs.list with include total). */
export async function jobCount(c = client(), filters = {}) {
  const page = await c.processing.jobs.list({ ...filters, limit: 1, include: ["total"] });
  return page.total;
}

/**
 * A tenant of its own for a test that must see only its own jobs or money: an org (with `credits`), a workspace,
 * a project and a key with `scopes`, member of the project.
 */
export async function freshTenant({ credits = 100_000, scopes = ["processing:read", "processing:process",
  "clip:read", "clip:destroy"] } = {}) {
  const a = admin();
  const suffix = Math.random().toString(36).slice(2, 8);
  const org = await a.admin.orgs.create({ name: `sdk test ${suffix}` });
  const workspace = await a.admin.workspaces.create({ org_id: org.org_id, name: "main" });
  const project = await a.admin.projects.create({ org_id: org.org_id, workspace_id: workspace.workspace_id,
    name: "sdk" });
  if (credits > 0) await a.admin.credits.grant({ org_id: org.org_id, credits });
  const key = await a.admin.api_keys.create({ org_id: org.org_id, name: "sdk test", scopes });
  await a.admin.projects.members.add({ project_id: project.project_id, key_id: key.key_id });
  return {
    orgId: org.org_id,
    workspaceId: workspace.workspace_id,
    projectId: project.project_id,
    keyId: key.key_id,
    apiKey: key.api_key,
    client: (options = {}) => new Client({ baseUrl: stack.url, apiKey: key.api_key, ...options }),
  };
}

/** Executes a clip in `tenant` (default: the stack's test org) and waits for its end. */
export async function succeededClip(c = client(), workspaceId = stack.workspaceId) {
  const job = await c.processing.execute({ process_id: "clip", workspaceId,
    inputs: CLIP_INPUTS });
  return c.waitForJob(job.job_id, { timeoutMs: 120_000 });
}

/** A fetch that hands every request to the real one and lets `hook` see (or break) what happens. */
export function observedFetch(hook) {
  return async (url, init) => hook(String(url), init, () => fetch(url, init));
}
