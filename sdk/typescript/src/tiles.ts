/**
 * The map GETs of a job's raster output (docs/TILES.md): XYZ tiles, the preview, the TileJSON and the map page.
 * Each is an operation of sdk/openapi.json; a signed `token` (from a TileJSON's URLs) opens them without an API key.
 */
import type { components } from "./generated/openapi.js";
import type { RequestOptions, RetryKind, Transport } from "./transport.js";

/** The image formats tiles and previews are drawn in. */
export type ImageFormat = "png" | "webp" | "jpg";

/** How to draw an output (docs/TILES.md "Render parameters"); unset → the process's defaults. */
export interface RenderParameters {
  /** The output's name when the job has several raster outputs (default: its first GeoTIFF). */
  output?: string;
  /** One band (greyscale or the colormap) or three (red, green, blue): `[4, 3, 2]` or `"4,3,2"`. */
  bidx?: number | readonly number[] | string;
  /** `[min, max]` for all bands, one `[min, max]` per band, or the query form `"0,3000"`. */
  rescale?: string | readonly [number, number] | ReadonlyArray<readonly [number, number]>;
  colormap?: "greys" | "viridis" | "rdylgn" | "depth" | "terrain";
  resampling?: "nearest" | "bilinear" | "cubic";
  tilesize?: 256 | 512;
}

/** Who asks: a signed tile token, sent as the `token` query parameter instead of the client's bearer key. */
export interface TokenParameter {
  /** The `token` of a TileJSON's URLs; when set, no `Authorization` header is sent. */
  token?: string;
}

/** A drawn image: a tile or a preview. */
export interface RenderedImage {
  /** The image (empty when `notModified`). */
  bytes: Uint8Array;
  /** `image/png`, `image/webp` or `image/jpeg` (null for a 304). */
  mediaType: string | null;
  /** The strong ETag: the same for the same drawing, whatever the token. */
  etag: string | null;
  /** True when `ifNoneMatch` matched (304): the image held under that ETag is still right. */
  notModified: boolean;
  /** True for a tile wholly outside the data (`X-Tile-Empty`): transparent (black in JPEG). */
  empty: boolean;
}

/** Per-call options of the map GETs. */
export type MapRequestOptions = Pick<RequestOptions, "signal" | "maxRetries">;

type JobRef = { job_id: string };
type Conditional = { /** An ETag from an earlier answer: unchanged → `notModified`, nothing drawn. */ ifNoneMatch?: string };

export type TileRequest = JobRef & { z: number | string; x: number | string; y: number | string; format: ImageFormat }
  & RenderParameters & TokenParameter & Conditional;
export type PreviewRequest = JobRef & { format: ImageFormat; /** Longer side at most (16–2048, default 1024). */
  max_size?: number } & RenderParameters & TokenParameter & Conditional;
export type TileJsonRequest = JobRef & RenderParameters & TokenParameter;
export type MapPageRequest = JobRef & RenderParameters & TokenParameter;

/** TileJSON 3.0.0 of a raster output, as the api's `TileJson` schema describes it. */
export type TileJson = components["schemas"]["TileJson"];

interface MapOperation<O extends string, Q, A> {
  (request: Q, options?: MapRequestOptions): Promise<A>;
  readonly operationId: O;
  readonly retryKind: RetryKind;
}

export type TileOperation = MapOperation<"processing.jobs.tiles.get", TileRequest, RenderedImage>;
export type PreviewOperation = MapOperation<"processing.jobs.preview.get", PreviewRequest, RenderedImage>;
export type TileJsonOperation = MapOperation<"processing.jobs.tilejson.get", TileJsonRequest, TileJson>;
export type MapPageOperation = MapOperation<"processing.jobs.map.get", MapPageRequest, string>;

const segment = (value: string | number) => encodeURIComponent(String(value));

/** The query of the render parameters and the token, in the api's form (`rescale` once per band). */
function query(request: RenderParameters & TokenParameter & { max_size?: number }): string {
  const q = new URLSearchParams();
  if (request.output !== undefined) q.append("output", request.output);
  if (request.bidx !== undefined) {
    q.append("bidx", typeof request.bidx === "object" ? request.bidx.join(",") : String(request.bidx));
  }
  const rescale = request.rescale;
  if (typeof rescale === "string") q.append("rescale", rescale);
  else if (rescale !== undefined) {
    const ranges = typeof rescale[0] === "number" ? [rescale as readonly [number, number]]
      : rescale as ReadonlyArray<readonly [number, number]>;
    for (const range of ranges) q.append("rescale", range.join(","));
  }
  if (request.colormap !== undefined) q.append("colormap", request.colormap);
  if (request.resampling !== undefined) q.append("resampling", request.resampling);
  if (request.tilesize !== undefined) q.append("tilesize", String(request.tilesize));
  if (request.max_size !== undefined) q.append("max_size", String(request.max_size));
  if (request.token !== undefined) q.append("token", request.token);
  const text = q.toString();
  return text === "" ? "" : `?${text}`;
}

async function get(transport: Transport, operation: string, path: string, request: TokenParameter & Conditional,
                   accept: string, options: MapRequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (request.ifNoneMatch !== undefined) headers["If-None-Match"] = request.ifNoneMatch;
  return transport.get(operation, path, headers, options,
    { bearer: request.token === undefined, notModified: request.ifNoneMatch !== undefined });
}

async function image(response: Response): Promise<RenderedImage> {
  const etag = response.headers.get("ETag");
  if (response.status === 304) {
    await response.body?.cancel();
    return { bytes: new Uint8Array(0), mediaType: null, etag, notModified: true, empty: false };
  }
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get("Content-Type"),
    etag,
    notModified: false,
    empty: response.headers.get("X-Tile-Empty") === "true",
  };
}

function named<O extends string, F>(fn: F, operationId: O) {
  return Object.assign(fn as object, { operationId, retryKind: "read" as const });
}

/** `client.processing.jobs.tiles.get({ job_id, z, x, y, format, …render, token?, ifNoneMatch? })`. */
export function tileOperation(t: Transport): TileOperation {
  const id = "processing.jobs.tiles.get";
  return named(async (r: TileRequest, options?: MapRequestOptions) => image(await get(t, id,
    `/v1/processing/jobs/${segment(r.job_id)}/tiles/${segment(r.z)}/${segment(r.x)}/${segment(r.y)}.`
      + `${segment(r.format)}${query(r)}`, r, "image/*", options)), id) as TileOperation;
}

/** `client.processing.jobs.preview.get({ job_id, format, max_size?, …render, token?, ifNoneMatch? })`. */
export function previewOperation(t: Transport): PreviewOperation {
  const id = "processing.jobs.preview.get";
  return named(async (r: PreviewRequest, options?: MapRequestOptions) => image(await get(t, id,
    `/v1/processing/jobs/${segment(r.job_id)}/preview.${segment(r.format)}${query(r)}`, r, "image/*", options)),
  id) as PreviewOperation;
}

/** `client.processing.jobs.tilejson.get({ job_id, …render, token? })`: the TileJSON, its URLs with a token. */
export function tileJsonOperation(t: Transport): TileJsonOperation {
  const id = "processing.jobs.tilejson.get";
  return named(async (r: TileJsonRequest, options?: MapRequestOptions) => (await get(t, id,
    `/v1/processing/jobs/${segment(r.job_id)}/tilejson.json${query(r)}`, r, "application/json", options)).json(),
  id) as TileJsonOperation;
}

/** `client.processing.jobs.map.get({ job_id, …render, token? })`: the HTML of the job's map page. */
export function mapPageOperation(t: Transport): MapPageOperation {
  const id = "processing.jobs.map.get";
  return named(async (r: MapPageRequest, options?: MapRequestOptions) => (await get(t, id,
    `/v1/processing/jobs/${segment(r.job_id)}/map${query(r)}`, r, "text/html", options)).text(),
  id) as MapPageOperation;
}
