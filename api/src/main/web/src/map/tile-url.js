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

/** The page's own query parameters that its sibling resources take too: the job's token and the output shown. */
const CARRIED = ['token', 'output'];

/** The URL of a sibling resource of the page (`tilejson.json`) with the page's token and output. */
export function siblingUrl(pageLocation, name) {
  const url = new URL(name, pageLocation.href);
  const page = new URLSearchParams(pageLocation.search);
  url.search = '';
  for (const key of CARRIED) {
    if (page.get(key)) {
      url.searchParams.set(key, page.get(key));
    }
  }
  return url.href;
}
