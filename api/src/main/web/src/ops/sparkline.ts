// A sparkline: the last values of a series as a small SVG line, with its words for screen readers.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 96;
const HEIGHT = 22;
const PAD = 2;

function svg(tag: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  return element;
}

/** An <svg role="img"> of `values` (oldest first) named by `label`, e.g. "backlog of clip: 0 to 12, now 12". */
export function sparkline(values: readonly number[], label: string, unit: (v: number) => string): SVGElement {
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  const last = values.length ? values[values.length - 1] : 0;
  const words = values.length
    ? `${label}: from ${unit(min)} to ${unit(max)} over the last ${values.length} polls, now ${unit(last)}`
    : `${label}: no samples yet`;
  const root = svg('svg', { class: 'spark', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: String(WIDTH), height: String(HEIGHT), role: 'img', 'aria-label': words });
  const title = svg('title', {});
  title.textContent = words;
  root.append(title);
  if (values.length < 2) {
    return root;
  }
  const span = max - min || 1;
  const step = (WIDTH - 2 * PAD) / (values.length - 1);
  const points = values.map((v, i) => `${(PAD + i * step).toFixed(1)},${(HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD)).toFixed(1)}`);
  root.append(svg('polyline', { points: points.join(' '), fill: 'none', 'stroke-width': '1.5' }));
  return root;
}
