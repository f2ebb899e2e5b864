// Opens a job's map page in headless chromium as a person would and reports what it showed, as JSON:
//
//   node map-page.mjs --url <map page URL> --out <artefact dir> --name <run name> [--colormap <name>]
//                     [--basemap-colour #rrggbb]
//
// It waits until the map says it is done (aria-busy="false" on the map region), screenshots the map, counts its
// pixels (pngjs), and, with --colormap, picks that colormap in the picker by its label and screenshots again.
// Screenshots and <name>.json are written to --out. Exit status: 0 when the report was written (the caller
// judges it), 2 when the browser is missing or cannot start, 1 on any other failure.
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, openBrowser, watchErrors } from './lib/chromium.mjs';
import { main } from './lib/script.mjs';
import { census, changedShare, decode, rgb } from './lib/pixels.mjs';

const PAGE_BACKGROUND = '#e9edf0'; // the map style's background colour (api/src/main/web/src/map/main.js)
const WAIT_MS = 30_000;
const MAX_TABS = 40;

/** Every response and failed request of the page, sorted into the api's tiles, TileJSON, assets and the rest. */
class Traffic {
  constructor(page, pageUrl) {
    this.origin = new URL(pageUrl).origin;
    this.responses = [];
    this.failed = [];
    page.on('response', (response) => this.responses.push({
      url: response.url(),
      kind: this.kind(response.url()),
      status: response.status(),
      type: response.headers()['content-type'] ?? '',
    }));
    page.on('requestfailed', (request) => this.failed.push({
      url: request.url(),
      kind: this.kind(request.url()),
      error: request.failure()?.errorText ?? '?',
    }));
  }

  kind(url) {
    const parsed = new URL(url);
    if (parsed.origin !== this.origin) {
      return parsed.protocol === 'blob:' || parsed.protocol === 'data:' ? 'local' : 'external';
    }
    if (/\/tiles\/\d+\/\d+\/\d+\.(png|webp|jpg)$/.test(parsed.pathname)) {
      return 'tile';
    }
    if (parsed.pathname.endsWith('/tilejson.json')) {
      return 'tilejson';
    }
    return parsed.pathname.startsWith('/ui/') ? 'asset' : 'page';
  }

  /** From response number `from` on: the tile answers, counted by outcome. */
  tiles(from = 0) {
    const tiles = this.responses.slice(from).filter((r) => r.kind === 'tile');
    return {
      total: tiles.length,
      ok_images: tiles.filter((r) => r.status === 200 && r.type.startsWith('image/')).length,
      not_ok: tiles.filter((r) => !(r.status === 200 && r.type.startsWith('image/')))
        .map((r) => ({ url: redact(r.url), status: r.status, type: r.type })),
      urls: tiles.map((r) => redact(r.url)),
    };
  }

  summary() {
    const external = this.responses.filter((r) => r.kind === 'external');
    return {
      tilejson: this.responses.filter((r) => r.kind === 'tilejson').map((r) => r.status),
      assets: this.responses.filter((r) => r.kind === 'asset').map((r) => ({ url: r.url, status: r.status })),
      external_ok_images: external.filter((r) => r.status === 200 && r.type.startsWith('image/')).length,
      external_failed: this.failed.filter((f) => f.kind === 'external').length,
      same_origin_failed: this.failed.filter((f) => f.kind !== 'external' && f.kind !== 'local')
        .map((f) => ({ url: redact(f.url), error: f.error })),
    };
  }
}

/** Tokens stay out of reports and logs. */
function redact(url) {
  return url.replace(/([?&]token=)[^&]+/, '$1…');
}

/** Waits until the map region says it is done, or the page shows a problem; answers which. */
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('map')?.getAttribute('aria-busy') === 'false'
    || document.getElementById('problem')?.hidden === false, null, { timeout: WAIT_MS });
  return page.evaluate(() => (document.getElementById('problem').hidden ? 'map' : 'problem'));
}

/** The map region as a PNG, with the map's own controls painted in the background colour. */
async function shoot(page, file) {
  const map = page.locator('#map');
  const buffer = await map.screenshot({
    path: file,
    mask: [page.locator('.maplibregl-ctrl')],
    maskColor: PAGE_BACKGROUND,
    animations: 'disabled',
  });
  return decode(buffer);
}

/** What the page says: status line, problem, the job facts beside the map. */
function readPage(page) {
  return page.evaluate(() => {
    const facts = {};
    const terms = [...document.querySelectorAll('#job dt')];
    for (const term of terms) {
      facts[term.textContent.trim()] = term.nextElementSibling?.textContent.trim() ?? '';
    }
    const problem = document.getElementById('problem');
    const controls = [...document.querySelectorAll('#display select, #display input, #display button')];
    return {
      title: document.title,
      status: document.getElementById('status')?.textContent.trim() ?? '',
      problem: problem && !problem.hidden ? problem.textContent.trim() : null,
      job: facts,
      controls: controls.length,
      // A control a screen reader cannot name: no <label>, no aria-label(ledby), not a button with text.
      unlabeled: controls.filter((c) => c.labels?.length === 0 && !c.getAttribute('aria-label')
        && !c.getAttribute('aria-labelledby') && !(c.tagName === 'BUTTON' && c.textContent.trim()))
        .map((c) => c.id || c.name || c.tagName),
      colormaps: [...document.querySelectorAll('#colormap option')].map((o) => o.value),
      colormap: document.getElementById('colormap')?.value ?? null,
    };
  });
}

/** The ids (or tag names) focused by pressing Tab from the top of the page until `targetId` has the focus. */
async function tabTo(page, targetId) {
  const visited = [];
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id
      || document.activeElement?.getAttribute('aria-label') || document.activeElement?.tagName || '');
    visited.push(focused);
    if (focused === targetId) {
      break;
    }
  }
  return visited;
}

async function run(opts) {
  const out = path.resolve(opts.out);
  fs.mkdirSync(out, { recursive: true });
  const background = rgb(PAGE_BACKGROUND);
  const like = opts['basemap-colour'] ? rgb(opts['basemap-colour']) : null;
  const report = { name: opts.name, chromium: CHROMIUM, url: redact(opts.url) };
  const { context, close } = await openBrowser(out);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page, redact);
    const traffic = new Traffic(page, opts.url);
    const started = Date.now();
    const answer = await page.goto(opts.url, { waitUntil: 'load', timeout: WAIT_MS });
    report.page_status = answer?.status() ?? null;
    report.page_type = answer?.headers()['content-type'] ?? null;
    report.csp = answer?.headers()['content-security-policy'] ?? null;
    report.shown = await settled(page);
    report.settled_ms = Date.now() - started;
    Object.assign(report, await readPage(page));
    const first = await shoot(page, path.join(out, `${opts.name}-initial.png`));
    report.initial = { screenshot: `${opts.name}-initial.png`, width: first.width, height: first.height,
      census: census(first, { background, like }), tiles: traffic.tiles() };
    report.tab_order = await tabTo(page, 'colormap');

    if (opts.colormap && report.shown === 'map') {
      const before = traffic.responses.length;
      await page.getByLabel('Colormap', { exact: true }).selectOption(opts.colormap);
      await settled(page);
      const second = await shoot(page, path.join(out, `${opts.name}-${opts.colormap}.png`));
      report.after_colormap = { colormap: opts.colormap, screenshot: `${opts.name}-${opts.colormap}.png`,
        census: census(second, { background, like }), changed_share: changedShare(first, second),
        tiles: traffic.tiles(before), status: (await readPage(page)).status };
    }
    report.traffic = traffic.summary();
    report.page_errors = errors.page;
    report.console_errors = errors.console;
    report.csp_violations = errors.console.filter((text) => text.includes('Content Security Policy'));
  } finally {
    await close();
  }
  return report;
}

await main('map-page', ['url', 'out', 'name'], run);
