// Builds the api's browser pages into the classpath: `node build.mjs --out <classes dir>` (Maven runs it in
// generate-resources; docs/DEVELOPMENT.md, "Front end").
//
// For each page below it writes
//   <out>/META-INF/resources/ui/<page>/<page>-<hash>.js|.css   the bundle, served by Quarkus as a static file
//   <out>/web/<page>.html                                     the page template the api's resource serves
// and, once for all pages, MapLibre's worker as <out>/META-INF/resources/ui/shared/maplibre-gl-worker-<hash>.js.
// Names carry a content hash so that the files can be cached for good; the HTML is never cached.
//
// TypeScript sources (the console) are type-checked first with tsc (tsconfig.json, no output); esbuild then strips
// their types as it bundles them.
//
// Dependencies come from package-lock.json: `npm ci` runs first when node_modules does not hold exactly the locked
// packages (a stamp with the lockfile's hash), so a fresh machine builds and an unchanged one skips the install.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The pages. `assetPrefix` is the way from the URL the page is served at to the server root, so the page keeps
 * working behind a proxy that adds a path prefix: the map is served at /v1/processing/jobs/{job_id}/map.
 */
const PAGES = [
  { name: 'map', entry: 'src/map/main.js', html: 'src/map/map.html', assetPrefix: '../../../../' },
  // The operators' console, served at /ops/ (OpsConsolePage).
  { name: 'ops', entry: 'src/ops/main.ts', html: 'src/ops/ops.html', assetPrefix: '../' },
];
const STATIC_ROOT = 'META-INF/resources';
const UI_DIR = 'ui';
const TEMPLATE_DIR = 'web';

function option(name) {
  const at = process.argv.indexOf(name);
  if (at < 0 || at + 1 >= process.argv.length) {
    throw new Error(`usage: node build.mjs --out <directory>   (missing ${name})`);
  }
  return path.resolve(process.argv[at + 1]);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function ensureDependencies() {
  const lock = fs.readFileSync(path.join(here, 'package-lock.json'));
  const stamp = path.join(here, 'node_modules', '.geopera-lock-sha256');
  const wanted = sha256(lock);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) {
    return;
  }
  console.log('[web] npm ci (node_modules does not match package-lock.json)');
  execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  fs.writeFileSync(stamp, wanted);
}

/** Type-checks the TypeScript pages (tsconfig.json); a type error stops the build with tsc's report. */
function typeCheck() {
  const tsc = path.join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.json')], { cwd: here, stdio: 'inherit' });
  } catch {
    throw new Error('tsc found type errors in the TypeScript pages (listed above)');
  }
}

function copyHashed(source, targetDir, baseName, extension) {
  const bytes = fs.readFileSync(source);
  const name = `${baseName}-${sha256(bytes).slice(0, 10)}${extension}`;
  fs.mkdirSync(targetDir, { recursive: true });
  fs.writeFileSync(path.join(targetDir, name), bytes);
  return name;
}

async function build(out) {
  const { build: esbuild } = await import('esbuild');
  const uiRoot = path.join(out, STATIC_ROOT, UI_DIR);
  fs.rmSync(uiRoot, { recursive: true, force: true });

  const worker = copyHashed(path.join(here, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'),
    path.join(uiRoot, 'shared'), 'maplibre-gl-worker', '.js');

  for (const page of PAGES) {
    const result = await esbuild({
      entryPoints: { [page.name]: path.join(here, page.entry) },
      bundle: true,
      format: 'esm',
      target: ['es2022'],
      minify: true,
      legalComments: 'eof',
      entryNames: '[name]-[hash]',
      outdir: path.join(uiRoot, page.name),
      metafile: true,
      logLevel: 'warning',
      // The bundle finds the worker next to itself: ui/<page>/ → ui/shared/.
      define: { MAPLIBRE_WORKER_PATH: JSON.stringify(`../shared/${worker}`) },
    });
    const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
    const js = outputs.find((file) => file.endsWith('.js'));
    const css = outputs.find((file) => file.endsWith('.css'));
    if (!js || !css) {
      throw new Error(`page ${page.name}: esbuild wrote ${outputs.join(', ')}, expected one .js and one .css`);
    }
    const base = `${page.assetPrefix}${UI_DIR}/${page.name}/`;
    const html = fs.readFileSync(path.join(here, page.html), 'utf8')
      .replaceAll('%PAGE_JS%', base + js)
      .replaceAll('%PAGE_CSS%', base + css);
    if (/%PAGE_[A-Z]+%/.test(html)) {
      throw new Error(`page ${page.name}: unknown placeholder left in ${page.html}`);
    }
    fs.mkdirSync(path.join(out, TEMPLATE_DIR), { recursive: true });
    fs.writeFileSync(path.join(out, TEMPLATE_DIR, `${page.name}.html`), html);
    console.log(`[web] ${page.name}: ${js}, ${css}`);
  }
}

const out = option('--out');
ensureDependencies();
typeCheck();
await build(out);
