// The job map page (GET /v1/processing/jobs/{job_id}/map?token=…): the job's output over a basemap, a picker for
// bands, colormap and value range, and the job's status and billing beside the map. Everything it loads comes from
// the api that served it (the TileJSON, then tiles), with the page's own token; see docs/TILES.md.
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import { describeError, getJson } from '../shared/api.js';
import { byId, meta } from '../shared/dom.js';
import { addBasemap, reachable } from './basemap.js';
import { showJob } from './job-summary.js';
import { RenderForm } from './render-form.js';
import { siblingUrl, tileUrl } from './tile-url.js';
import './map.css';

/* global MAPLIBRE_WORKER_PATH */
setWorkerUrl(new URL(MAPLIBRE_WORKER_PATH, import.meta.url).href);

const BACKGROUND = '#e9edf0';
const status = byId('status');
const mapElement = byId('map');

function say(text) {
  status.textContent = text;
}

function fail(text) {
  const problem = byId('problem');
  problem.textContent = text;
  problem.hidden = false;
  mapElement.setAttribute('aria-busy', 'false');
}

function describe(params) {
  const ranges = params.rescale.map(([min, max]) => `${min} to ${max}`).join(', ');
  const bands = params.bidx.length === 3
    ? `bands ${params.bidx.join(', ')} as red, green, blue`
    : `band ${params.bidx[0]} in ${params.colormap ?? 'greys'}`;
  return `Showing ${bands}, values ${ranges}.`;
}

/** Render parameters of the TileJSON (`render`: those its tiles URL draws with; `default_render`), as the picker's. */
function paramsOf(render) {
  return {
    bidx: render?.bidx ?? [1],
    rescale: render?.rescale ?? [],
    colormap: render?.colormap ?? null,
    resampling: render?.resampling ?? 'nearest',
  };
}

function start(tileJson) {
  showJob(byId('job'), tileJson.job, tileJson.output, tileJson.token_expires_at);
  const template = tileJson.tiles[0];
  const map = new MapLibreMap({
    container: mapElement,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }] },
    bounds: tileJson.bounds,
    fitBoundsOptions: { padding: 24, animate: false },
    minZoom: 0,
    maxZoom: Math.max(tileJson.maxzoom + 2, 4),
    attributionControl: { compact: false },
    keyboard: true,
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl(), 'bottom-left');

  let tileFailures = 0;
  map.on('error', (event) => {
    if (event.sourceId !== 'output') {
      // The basemap (or a later drop of the network) never makes the output unusable: nothing to report.
      return;
    }
    tileFailures += 1;
    const httpStatus = event.error?.status;
    if (httpStatus === 401 || httpStatus === 403) {
      fail('This map link is not valid any more (it has expired). Ask the api for a new one with '
        + 'processing.job.tile_info.');
    } else {
      say(`${tileFailures} tile${tileFailures === 1 ? '' : 's'} of the output could not be loaded${httpStatus ? ` (HTTP ${httpStatus})` : ''}.`);
    }
  });
  // Busy until the background is decided and every tile asked for has arrived: what a screen reader announces as
  // done is what the screen shows.
  let backgroundDecided = false;
  map.on('idle', () => {
    if (backgroundDecided) {
      mapElement.setAttribute('aria-busy', 'false');
    }
  });

  const basemapUrl = meta('geopera-basemap-url');
  const basemap = reachable(basemapUrl);
  let described = '';
  let background = '';
  const show = () => say(`${described} ${background}`.trim());

  map.on('load', async () => {
    const shown = paramsOf(tileJson.render ?? tileJson.default_render);
    map.addSource('output', {
      type: 'raster',
      tiles: [tileUrl(template, shown)],
      tileSize: tileJson.render?.tilesize ?? 256,
      bounds: tileJson.bounds,
      minzoom: tileJson.minzoom,
      maxzoom: tileJson.maxzoom,
    });
    map.addLayer({ id: 'output', type: 'raster', source: 'output' });
    described = describe(shown);
    const form = { shown, defaults: paramsOf(tileJson.default_render ?? tileJson.render) };
    new RenderForm(byId('display'), tileJson, form, (params) => {
      mapElement.setAttribute('aria-busy', 'true');
      tileFailures = 0;
      map.getSource('output').setTiles([tileUrl(template, params)]);
      described = describe(params);
      show();
    });
    show();
    const withBasemap = await basemap;
    if (withBasemap) {
      addBasemap(map, basemapUrl, meta('geopera-basemap-attribution'));
      background = 'Background: basemap.';
    } else {
      background = basemapUrl ? 'Background: plain (the basemap cannot be reached).' : 'Background: plain.';
    }
    backgroundDecided = true;
    show();
    if (!withBasemap && map.areTilesLoaded()) {
      mapElement.setAttribute('aria-busy', 'false');
    }
  });
}

let tileJson = null;
try {
  tileJson = await getJson(siblingUrl(window.location, 'tilejson.json'));
} catch (error) {
  say('The job could not be loaded.');
  fail(describeError(error));
}
if (tileJson) {
  try {
    start(tileJson);
  } catch (error) {
    say('The map could not be shown.');
    fail(`The map could not be shown: ${error.message}`);
  }
}
