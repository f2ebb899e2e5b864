// What a screenshot shows, in numbers: decoded with pngjs, compared pixel by pixel.
import { PNG } from 'pngjs';

/** {width, height, data: RGBA bytes} of a PNG buffer. */
export function decode(buffer) {
  return PNG.sync.read(buffer);
}

/** A hex colour `#rrggbb` as [r, g, b]. */
export function rgb(hex) {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function near(data, i, [r, g, b], tolerance) {
  return Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance
    && Math.abs(data[i + 2] - b) <= tolerance;
}

/**
 * Counts over the image (or the rectangle `area` {x, y, width, height} of it):
 * `pixels`; `background`: within `tolerance` of the `background` colour; `like`: within tolerance of `like` (another
 * colour of interest, e.g. the test basemap's); `data`: neither; `grey` of the data pixels (r, g, b within 10 of
 * each other); `colours`: distinct colours among the data pixels.
 */
export function census(image, { background, like = null, area = null, tolerance = 6 }) {
  const { x = 0, y = 0, width = image.width, height = image.height } = area ?? {};
  const counts = { pixels: 0, background: 0, like: 0, data: 0, grey: 0, colours: 0 };
  const colours = new Set();
  for (let row = y; row < y + height; row++) {
    for (let col = x; col < x + width; col++) {
      const i = (row * image.width + col) * 4;
      counts.pixels += 1;
      if (near(image.data, i, background, tolerance)) {
        counts.background += 1;
      } else if (like && near(image.data, i, like, tolerance)) {
        counts.like += 1;
      } else {
        counts.data += 1;
        const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) <= 10) {
          counts.grey += 1;
        }
        colours.add((r << 16) | (g << 8) | b);
      }
    }
  }
  counts.colours = colours.size;
  return counts;
}

/** Share of pixels whose colour differs by more than `tolerance` in a channel between two images of one size. */
export function changedShare(before, after, tolerance = 6) {
  if (before.width !== after.width || before.height !== after.height) {
    throw new Error(`images differ in size: ${before.width}x${before.height} and ${after.width}x${after.height}`);
  }
  let changed = 0;
  for (let i = 0; i < before.data.length; i += 4) {
    if (Math.abs(before.data[i] - after.data[i]) > tolerance || Math.abs(before.data[i + 1] - after.data[i + 1]) > tolerance
      || Math.abs(before.data[i + 2] - after.data[i + 2]) > tolerance) {
      changed += 1;
    }
  }
  return changed / (before.width * before.height);
}
