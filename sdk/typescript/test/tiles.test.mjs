// The map GETs of a succeeded clip: tiles, preview, TileJSON and map page, with the client's key and with a token.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { inflateSync } from "node:zlib";
import { Client, PermissionDenied } from "../dist/index.js";
import { client, observedFetch, stack, succeededClip } from "./support.mjs";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let job;
let tilejson;
let centre;

/** The XYZ tile holding lon/lat at zoom z (Web Mercator). */
function tileAt(lon, lat, z) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/** Width, height and the alpha of every pixel of an 8-bit PNG (255 throughout when it has no alpha channel). */
function decodePng(bytes) {
  const png = Buffer.from(bytes);
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), "a PNG signature");
  assert.equal(png.toString("latin1", 12, 16), "IHDR");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colorType] = [png[24], png[25]];
  assert.equal(depth, 8);
  // Grey, RGB, grey + alpha, RGBA: the api writes an opaque image without its alpha channel.
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  assert.ok(channels, `colour type ${colorType} is not palette-based`);
  const hasAlpha = colorType === 4 || colorType === 6;
  const idat = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[row * (stride + 1) + 1 + i];
      const a = i >= channels ? pixels[row * stride + i - channels] : 0;
      const b = row > 0 ? pixels[(row - 1) * stride + i] : 0;
      const c = row > 0 && i >= channels ? pixels[(row - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
        : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[row * stride + i] = (x + predictor) & 0xff;
    }
  }
  const alpha = [];
  for (let i = channels - 1; i < pixels.length; i += channels) alpha.push(hasAlpha ? pixels[i] : 255);
  return { width, height, alpha };
}

before(async () => {
  job = await succeededClip();
  assert.equal(job.status, "succeeded");
  tilejson = await client().processing.jobs.tilejson.get({ job_id: job.job_id });
  // The clip is a few dozen pixels wide: two zooms past native, the tile over its centre lies well inside it.
  const [lon, lat] = tilejson.center;
  centre = tileAt(lon, lat, tilejson.maxzoom + 2);
});

test("the TileJSON of a clip has its tile URL with a token and the bounds of the clipped area", () => {
  assert.equal(tilejson.tilejson, "3.0.0");
  assert.equal(tilejson.tiles.length, 1);
  assert.match(tilejson.tiles[0], new RegExp(`/v1/processing/jobs/${job.job_id}/tiles/\\{z\\}/\\{x\\}/\\{y\\}\\.png\\?`));
  assert.ok(new URL(tilejson.tiles[0]).searchParams.get("token"), "the tile URL carries a token");
  const [w, s, e, n] = tilejson.bounds;
  for (const [got, want] of [[w, 6.0], [s, 49.6], [e, 6.2], [n, 49.8]]) assert.ok(Math.abs(got - want) < 0.01, `${got}`);
  assert.equal(tilejson.job.job_id, job.job_id);
});

test("a tile is a 256 px PNG with the clip drawn in it and an ETag, and asking again with it is notModified", async () => {
  const tiles = client().processing.jobs.tiles;
  const tile = await tiles.get({ job_id: job.job_id, ...centre, format: "png" });
  assert.equal(tile.mediaType, "image/png");
  assert.equal(tile.notModified, false);
  assert.equal(tile.empty, false);
  const png = decodePng(tile.bytes);
  assert.deepEqual([png.width, png.height], [256, 256]);
  assert.ok(png.alpha.filter((a) => a === 255).length > 256 * 256 / 4, "the clip covers the centre tile");
  assert.match(tile.etag, /^"[^"]+"$/);

  const again = await tiles.get({ job_id: job.job_id, ...centre, format: "png", ifNoneMatch: tile.etag });
  assert.equal(again.notModified, true);
  assert.equal(again.etag, tile.etag);
  assert.equal(again.bytes.length, 0);
});

test("a tile outside the clip is an empty, fully transparent PNG of the asked tilesize", async () => {
  const tile = await client().processing.jobs.tiles.get({ job_id: job.job_id, z: centre.z, x: 0, y: 0,
    format: "png", tilesize: 512 });
  assert.equal(tile.empty, true);
  const png = decodePng(tile.bytes);
  assert.deepEqual([png.width, png.height], [512, 512]);
  assert.ok(png.alpha.every((a) => a === 0));
});

test("the TileJSON's token fetches a tile, the TileJSON and the map page with no API key sent", async () => {
  const token = new URL(tilejson.tiles[0]).searchParams.get("token");
  const sent = [];
  const anonymous = new Client({ baseUrl: stack.url, apiKey: "", fetch: observedFetch((url, init, real) => {
    sent.push({ url, authorization: new Headers(init.headers).get("Authorization") });
    return real();
  }) });
  const tile = await anonymous.processing.jobs.tiles.get({ job_id: job.job_id, ...centre, format: "png", token });
  assert.deepEqual([decodePng(tile.bytes).width, tile.empty], [256, false]);
  const again = await anonymous.processing.jobs.tilejson.get({ job_id: job.job_id, token });
  assert.deepEqual(again.bounds, tilejson.bounds);
  const html = await anonymous.processing.jobs.map.get({ job_id: job.job_id, token });
  assert.match(html, /<html/i);
  assert.equal(sent.length, 3);
  for (const request of sent) {
    assert.equal(request.authorization, null);
    assert.equal(new URL(request.url).searchParams.get("token"), token);
  }
});

test("a token is sent instead of the client's key, so an altered one is refused although the key would do", async () => {
  const token = new URL(tilejson.tiles[0]).searchParams.get("token");
  const altered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
  const error = await client().processing.jobs.tiles.get({ job_id: job.job_id, ...centre, format: "png",
    token: altered }).catch((e) => e);
  assert.ok(error instanceof PermissionDenied, String(error));
  assert.equal(error.code, "tile_token_invalid");
  assert.equal(error.operation, "processing.jobs.tiles.get");
});

test("the preview's longer side is at most max_size and its render parameters reach the api", async () => {
  const preview = await client().processing.jobs.preview.get({ job_id: job.job_id, format: "png", max_size: 64 });
  assert.equal(preview.mediaType, "image/png");
  const png = decodePng(preview.bytes);
  assert.ok(Math.max(png.width, png.height) <= 64 && png.width > 0 && png.height > 0, `${png.width}×${png.height}`);
  assert.ok(preview.etag);

  const viridis = await client().processing.jobs.preview.get({ job_id: job.job_id, format: "png", max_size: 64,
    colormap: "viridis", rescale: [0, 500] });
  assert.notEqual(viridis.etag, preview.etag);
  assert.ok(!Buffer.from(viridis.bytes).equals(Buffer.from(preview.bytes)), "another colormap draws other pixels");
  const error = await client().processing.jobs.preview.get({ job_id: job.job_id, format: "png", max_size: 5 })
    .catch((e) => e);
  assert.equal(error?.status, 422);
  assert.deepEqual(error.errors.map((p) => p.pointer), ["/query/max_size"]);
});

test("the map page is the HTML of the job output map with its module script, for the key and for the token", async () => {
  const html = await client().processing.jobs.map.get({ job_id: job.job_id });
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<title>Job output map/);
  assert.match(html, /<script type="module" src="[^"]+\.js">/);
  // The page finds its job in its own URL (the script reads location), so the bytes are the same for any job.
  const token = new URL(tilejson.map).searchParams.get("token");
  assert.equal(await new Client({ baseUrl: stack.url, apiKey: "" }).processing.jobs.map.get({ job_id: job.job_id, token }),
    html);
  const other = await client().processing.jobs.map.get({ job_id: "job_unknown" }).catch((e) => e);
  assert.equal(other?.code, "job_not_found");
});

test("an aborted signal stops a tile request before it is sent", async () => {
  const sent = [];
  const c = client({ fetch: observedFetch((url, init, real) => { sent.push(url); return real(); }) });
  const error = await c.processing.jobs.tiles.get({ job_id: job.job_id, ...centre, format: "png" },
    { signal: AbortSignal.abort() }).catch((e) => e);
  assert.equal(error?.name, "AbortError");
  assert.deepEqual(sent, []);
});
