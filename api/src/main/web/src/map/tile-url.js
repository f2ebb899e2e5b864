// The tile URL template of a set of render parameters: the TileJSON's own template (which carries the job's token)
// with the render parameters replaced. Parameter names and forms are the tile endpoint's (docs/TILES.md).

const RENDER_KEYS = ['bidx', 'rescale', 'colormap', 'resampling'];

/**
 * `template`: a TileJSON `tiles` entry, e.g. `https://api/v1/processing/jobs/J/tiles/{z}/{x}/{y}.png?token=T`.
 * `params`: `{bidx: [4, 3, 2], rescale: [[0, 3000], …] (one per band), colormap: 'viridis' | null, resampling}`.
 * The path is kept as written: `{z}/{x}/{y}` must reach the map library unencoded.
 */
export function tileUrl(template, params) {
  const at = template.indexOf('?');
  const path = at < 0 ? template : template.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : template.slice(at + 1));
  for (const key of RENDER_KEYS) {
    query.delete(key);
  }
  query.set('bidx', params.bidx.join(','));
  for (const [min, max] of params.rescale) {
    query.append('rescale', `${min},${max}`);
  }
  if (params.colormap && params.bidx.length === 1) {
    query.set('colormap', params.colormap);
  }
  if (params.resampling) {
    query.set('resampling', params.resampling);
  }
  return `${path}?${query.toString()}`;
}

/**
 * The page's own query parameters that its TileJSON takes too: the job's token, the output and render parameters
 * (a map link made from a TileJSON with `bidx=4,3,2` opens with that composite).
 */
const CARRIED = ['token', 'output', 'bidx', 'rescale', 'colormap', 'resampling', 'tilesize'];

/** The URL of a sibling resource of the page (`tilejson.json`) with the page's token, output and parameters. */
export function siblingUrl(pageLocation, name) {
  const url = new URL(name, pageLocation.href);
  const page = new URLSearchParams(pageLocation.search);
  url.search = '';
  for (const key of CARRIED) {
    for (const value of page.getAll(key)) {
      url.searchParams.append(key, value);
    }
  }
  return url.href;
}
