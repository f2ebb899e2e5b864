// Compiled by `npm run build` (never run): the method tree is typed from sdk/openapi.json, so a wrong call does not
// compile. Each @ts-expect-error fails the build if the line below it compiles.
import { Client, type RequestBody } from "../src/index.js";

export async function wrongCallsDoNotCompile(client: Client): Promise<void> {
  // @ts-expect-error process_id is required by processing.catalog.estimate
  await client.processing.catalog.estimate({ inputs: {} });
  // @ts-expect-error workspaceId is required by processing.execute
  await client.processing.execute({ process_id: "clip", inputs: {} });
  // @ts-expect-error job_id must be a string
  await client.processing.job.get({ job_id: 42 });
  // @ts-expect-error the reference has no processing.job.cancel
  await client.processing.job.cancel({ job_id: "job_1" });
  // @ts-expect-error the reference's name is create_and_dispatch
  await client.processing.createAndDispatch({});
  const job = await client.processing.job.get({ job_id: "job_1" });
  // @ts-expect-error the job's id is job_id
  void job.jobId;
  // @ts-expect-error credits are numbers
  const credits: string = job.billing.reserved_credits;
  void credits;
  // @ts-expect-error an output is named by job_id and name
  client.processing.jobs.outputs.get({ job_id: "job_1" });
  // @ts-expect-error a tile is named by z, x and y too
  await client.processing.jobs.tiles.get({ job_id: "job_1", format: "png" });
  // @ts-expect-error tiles are png, webp or jpg
  await client.processing.jobs.tiles.get({ job_id: "job_1", z: 0, x: 0, y: 0, format: "gif" });
  // @ts-expect-error the TileJSON's tile URLs are a list
  const template: string = (await client.processing.jobs.tilejson.get({ job_id: "job_1" })).tiles;
  void template;
}

export async function rightCallsCompile(client: Client, workspaceId: string): Promise<void> {
  const body: RequestBody<"processing.execute"> = { process_id: "clip", workspaceId, inputs: { image: "file:a.tif" } };
  await client.processing.execute(body, { idempotencyKey: "k-1", signal: AbortSignal.timeout(1000) });
  await client.processing.catalog.list();
  await client.processing.jobs.list({ limit: 10 });
  for await (const job of client.processing.jobs.list.all({ limit: 10 })) void job;
  for await (const job of client.processing.project_jobs.list.ndjson({ project_id: "prj_1" })) void job;
  await client.processing.job_types.list({ category: "raster" });
  const job = await client.processing.execute(body);
  const typed: { id: string; status: string; charged: number } = {
    id: job.job_id, status: job.status, charged: job.billing.charged_credits };
  void typed;
  const page = await client.processing.jobs.list({});
  const more: boolean = page.has_more;
  const cursor: string | undefined = page.next_cursor;
  void [more, cursor];
  for await (const item of client.processing.jobs.list.all({})) {
    const id: string = item.job_id;
    void id;
  }
  const estimate = await client.processing.catalog.estimate({ process_id: "clip", inputs: {} });
  const price: number = estimate.credits;
  void price;
  const tilejson = await client.processing.jobs.tilejson.get({ job_id: job.job_id, bidx: [1] });
  const urls: string[] | undefined = tilejson.tiles;
  void urls;
  const tile = await client.processing.jobs.tiles.get({ job_id: job.job_id, z: 8, x: 133, y: 87, format: "png",
    rescale: [0, 500], ifNoneMatch: "\"e\"" }, { signal: AbortSignal.timeout(1000) });
  const pixels: Uint8Array = tile.bytes;
  const fresh: boolean = tile.notModified;
  void [pixels, fresh];
  const html: string = await client.processing.jobs.map.get({ job_id: job.job_id, token: "t" });
  void html;
  for await (const chunk of client.processing.jobs.outputs.get({ job_id: job.job_id, name: "result" })) {
    const bytes: Uint8Array = chunk;
    void bytes;
  }
}
