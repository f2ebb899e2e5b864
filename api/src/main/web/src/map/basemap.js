// The background map under the output: an OpenStreetMap-style raster tile service when it answers, else nothing
// (the style's plain background shows). The page must work offline, so an unreachable basemap is not an error:
// one probe tile decides, and the page says in its status line which background is shown.

const PROBE_TIMEOUT_MS = 4000;

/** The first tile of the template (`…/{z}/{x}/{y}.png`), the one a world view asks for first. */
function probeUrl(template) {
  return template.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0');
}

/** True when one basemap tile loads within a few seconds. */
export async function reachable(template) {
  if (!template) {
    return false;
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PROBE_TIMEOUT_MS);
  try {
    const response = await fetch(probeUrl(template), { mode: 'cors', credentials: 'omit', signal: abort.signal });
    return response.ok && (response.headers.get('Content-Type') ?? '').startsWith('image/');
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Adds the basemap below every other layer. */
export function addBasemap(map, template, attribution) {
  map.addSource('basemap', {
    type: 'raster',
    tiles: [template],
    tileSize: 256,
    maxzoom: 19,
    attribution,
  });
  const firstLayer = map.getStyle().layers.find((layer) => layer.type !== 'background');
  map.addLayer({ id: 'basemap', type: 'raster', source: 'basemap' }, firstLayer?.id);
}
