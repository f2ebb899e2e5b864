import { ConnectionError, errorFromProblem } from "./errors.js";
import { readProblem, sleep, type RequestOptions, type Transport } from "./transport.js";

export interface DownloadOptions extends Pick<RequestOptions, "signal" | "maxRetries"> {
  /** First byte to fetch (default 0): the size of what an earlier, broken download already holds. */
  start?: number;
  /** Called once, before the first chunk, with the file's size and media type. */
  onInfo?: (info: DownloadInfo) => void;
}

/** What a download learns from the api's first answer. */
export interface DownloadInfo {
  /** Size of the whole file in bytes. */
  size: number;
  /** The byte the download started at (`start`). */
  start: number;
  contentType: string | null;
}

/** The operation name downloads report in errors and retries. */
export const DOWNLOAD_OPERATION = "processing.jobs.outputs.get";

/**
 * The bytes of output `output` of job `jobId` from byte `start` on, as they arrive
 * (`GET /v1/processing/jobs/{job_id}/outputs/{name}`). When the connection breaks in the middle, the download asks
 * again with `Range: bytes=<next byte>-` and goes on where it stopped (up to `maxRetries` times in a row), so the
 * caller sees every byte exactly once.
 */
export async function* downloadChunks(
  transport: Transport,
  jobId: string,
  output: string,
  options: DownloadOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const onInfo = options.onInfo;
  const path = `/v1/processing/jobs/${encodeURIComponent(jobId)}/outputs/${encodeURIComponent(output)}`;
  const start = options.start ?? 0;
  const maxRetries = options.maxRetries ?? 4;
  let position = start;
  let size: number | undefined;
  let failures = 0;
  for (;;) {
    const headers: Record<string, string> = { Accept: "*/*" };
    if (position > 0) headers.Range = `bytes=${position}-`;
    let response: Response;
    try {
      response = await transport.get(DOWNLOAD_OPERATION, path, headers, options);
    } catch (error) {
      // Asking for the bytes after the last one of a complete file: nothing is left to fetch.
      if (position > 0 && (error as { code?: string }).code === "range_not_satisfiable"
          && (error as { problem?: { size_bytes?: unknown } }).problem?.size_bytes === position) {
        if (size === undefined) onInfo?.({ size: position, start, contentType: null });
        return;
      }
      throw error;
    }
    const first = size === undefined;
    const served = servedRange(response, position);
    if (served === undefined) {
      await response.body?.cancel();
      throw errorFromProblem(response.status, await readProblem(response).catch(() => ({})), DOWNLOAD_OPERATION);
    }
    let skip = served.skip;
    size = served.size;
    if (first) onInfo?.({ size: size ?? position, start, contentType: response.headers.get("Content-Type") });
    const reader = response.body?.getReader();
    if (!reader) return;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let chunk = value;
        if (skip > 0) {
          const dropped = Math.min(skip, chunk.byteLength);
          chunk = chunk.subarray(dropped);
          skip -= dropped;
        }
        if (chunk.byteLength === 0) continue;
        position += chunk.byteLength;
        failures = 0;
        yield chunk;
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (failures >= maxRetries) throw new ConnectionError(DOWNLOAD_OPERATION, error);
      failures++;
      await sleep(Math.min(8000, 250 * 2 ** failures), options.signal);
      continue;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    if (size === undefined || position >= size) return;
    // The body ended early without an error (a proxy cut it): ask for the rest.
    if (failures >= maxRetries) {
      throw new ConnectionError(DOWNLOAD_OPERATION, new Error(`body ended at byte ${position} of ${size}`));
    }
    failures++;
  }
}

/**
 * Where the answer's bytes start relative to `position`: 206 must start at it (Content-Range); 200 is the whole
 * file, whose first `position` bytes are skipped. Undefined for anything else.
 */
function servedRange(response: Response, position: number): { skip: number; size: number | undefined } | undefined {
  if (response.status === 206) {
    const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("Content-Range") ?? "");
    if (!match || Number(match[1]) !== position) return undefined;
    return { skip: 0, size: match[3] === "*" ? undefined : Number(match[3]) };
  }
  if (response.status === 200) {
    const length = response.headers.get("Content-Length");
    return { skip: position, size: length === null ? undefined : Number(length) };
  }
  return undefined;
}
