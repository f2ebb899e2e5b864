/** Node-only helpers (files). Import from `@geopera/sdk/node`. */
import { open, rename, stat } from "node:fs/promises";
import type { Client } from "./client.js";
import type { DownloadOptions } from "./download.js";

export interface DownloadToFileOptions extends Omit<DownloadOptions, "start"> {
  /** Start again from byte 0 even when a partial `<path>.part` exists (default false: resume it). */
  restart?: boolean;
}

export interface DownloadedFile {
  path: string;
  /** Size of the complete file. */
  bytes: number;
  /** Bytes that were already in `<path>.part` and not fetched again (0 for a fresh download). */
  resumedFrom: number;
}

/**
 * Downloads output `output` of job `jobId` to `path`. Bytes go to `<path>.part` first, renamed to `path` once the
 * file is complete; a `.part` left by a download that broke or was aborted is resumed with `Range` from its size.
 */
export async function downloadToFile(client: Client, jobId: string, output: string, path: string,
                                     options: DownloadToFileOptions = {}): Promise<DownloadedFile> {
  const part = `${path}.part`;
  let start = 0;
  if (!options.restart) {
    start = await stat(part).then((s) => s.size, () => 0);
  }
  const file = await open(part, start > 0 ? "a" : "w");
  let written = start;
  try {
    for await (const chunk of client.download(jobId, output, { ...options, start })) {
      await file.write(chunk);
      written += chunk.byteLength;
    }
  } finally {
    await file.close();
  }
  await rename(part, path);
  return { path, bytes: written, resumedFrom: start };
}
