// The band / colormap / rescale picker: controls built from the TileJSON, read back as render parameters.
// Every control has a visible label; selects apply at once, number fields when they change (Enter or leaving the
// field), and the whole form on submit. Invalid ranges are marked on the field and not applied.
import { el, replaceChildren } from '../shared/dom.js';

const RESAMPLING_NAMES = {
  nearest: 'Nearest (pixels as they are)',
  bilinear: 'Bilinear (smooth)',
  cubic: 'Cubic (smoother)',
};
const RGB = [['r', 'Red'], ['g', 'Green'], ['b', 'Blue']];

/** The value range a band is stretched over when it is picked: its 2nd–98th percentile, else min–max. */
export function stretchOf(band) {
  const s = band?.statistics ?? {};
  const finite = (v) => typeof v === 'number' && Number.isFinite(v);
  if (finite(s.percentile_2) && finite(s.percentile_98) && s.percentile_98 > s.percentile_2) {
    return [s.percentile_2, s.percentile_98];
  }
  if (finite(s.minimum) && finite(s.maximum) && s.maximum > s.minimum) {
    return [s.minimum, s.maximum];
  }
  return band?.data_type === 'Byte' ? [0, 255] : [0, 1];
}

/** A number as a person reads it in a field: at most 6 significant digits, no exponent for usual values. */
function show(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

export class RenderForm {
  /**
   * `form`: the <form> to fill; `tileJson`: its bands, colormaps, resamplings and outputs; `shown` and `defaults`:
   * the render parameters drawn now and those "Reset to defaults" goes back to;
   * `onApply(params)`: called with valid parameters whenever the picture should change.
   */
  constructor(form, tileJson, { shown, defaults }, onApply) {
    this.form = form;
    this.bands = tileJson.bands ?? [];
    this.colormaps = tileJson.colormaps ?? [];
    this.resamplings = tileJson.resamplings ?? Object.keys(RESAMPLING_NAMES);
    this.outputs = tileJson.outputs ?? [];
    this.output = tileJson.output;
    this.defaults = defaults;
    this.onApply = onApply;
    this.build();
    this.set(shown);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.apply();
    });
    form.addEventListener('change', (event) => this.changed(event.target));
  }

  build() {
    const bandOptions = () => this.bands.map((band) => el('option', { value: band.band },
      `Band ${band.band}${band.description ? ` – ${band.description}` : ''}${band.data_type ? ` (${band.data_type})` : ''}`));
    this.mode = null;
    const parts = [];
    if (this.outputs.length > 1) {
      // Another output is another TileJSON: the page loads again for it.
      parts.push(el('label', { for: 'output' }, 'Output'),
        el('select', { id: 'output', name: 'output' },
          this.outputs.map((name) => el('option', { value: name, selected: name === this.output }, name))));
    }
    if (this.bands.length >= 3) {
      this.mode = el('fieldset', { class: 'choice' },
        el('legend', {}, 'Show'),
        el('label', {}, el('input', { type: 'radio', name: 'mode', value: 'single' }), ' One band'),
        el('label', {}, el('input', { type: 'radio', name: 'mode', value: 'rgb' }), ' Red, green, blue from three bands'));
      parts.push(this.mode);
    }
    this.single = el('div', { class: 'group' },
      el('label', { for: 'band' }, 'Band'),
      el('select', { id: 'band', name: 'band' }, bandOptions()),
      el('label', { for: 'colormap' }, 'Colormap'),
      el('select', { id: 'colormap', name: 'colormap' },
        this.colormaps.map((name) => el('option', { value: name }, name))));
    parts.push(this.single);
    if (this.mode) {
      this.rgb = el('div', { class: 'group' }, RGB.flatMap(([key, label]) => [
        el('label', { for: `band-${key}` }, `${label} band`),
        el('select', { id: `band-${key}`, name: `band-${key}` }, bandOptions()),
      ]));
      parts.push(this.rgb);
    }
    this.ranges = el('fieldset', { class: 'ranges' });
    parts.push(this.ranges);
    parts.push(el('label', { for: 'resampling' }, 'Resampling'),
      el('select', { id: 'resampling', name: 'resampling' },
        this.resamplings.map((value) => el('option', { value }, RESAMPLING_NAMES[value] ?? value))));
    parts.push(el('div', { class: 'actions' },
      el('button', { type: 'submit' }, 'Apply'),
      el('button', { type: 'button', id: 'reset' }, 'Reset to defaults')));
    replaceChildren(this.form, parts);
    this.form.querySelector('#reset').addEventListener('click', () => {
      this.set(this.defaults);
      this.apply();
    });
  }

  field(name) {
    return this.form.elements.namedItem(name);
  }

  isRgb() {
    return this.mode !== null && this.form.elements.namedItem('mode').value === 'rgb';
  }

  pickedBands() {
    return this.isRgb() ? RGB.map(([key]) => Number(this.field(`band-${key}`).value)) : [Number(this.field('band').value)];
  }

  /** Shows the controls of `params` ({bidx, rescale, colormap, resampling}). */
  set(params) {
    const rgb = params.bidx.length === 3 && this.mode !== null;
    if (this.mode) {
      this.form.querySelector(`input[name="mode"][value="${rgb ? 'rgb' : 'single'}"]`).checked = true;
      RGB.forEach(([key], i) => {
        this.field(`band-${key}`).value = String(params.bidx[rgb ? i : 0]);
      });
    }
    this.field('band').value = String(params.bidx[0]);
    this.field('colormap').value = params.colormap ?? (this.colormaps.includes('greys') ? 'greys' : this.colormaps[0]);
    this.field('resampling').value = params.resampling ?? 'nearest';
    this.showRanges(params.bidx, params.rescale);
    this.showMode();
  }

  showMode() {
    const rgb = this.isRgb();
    this.single.hidden = rgb;
    if (this.rgb) {
      this.rgb.hidden = !rgb;
    }
    // A colormap colours one band; with three bands it does not apply.
    this.field('colormap').disabled = rgb;
  }

  /** One min / max pair of fields per band shown, with the band's statistics as a hint. */
  showRanges(bidx, rescale) {
    const rows = bidx.map((bandNumber, i) => {
      const band = this.bands.find((b) => b.band === bandNumber);
      const [min, max] = rescale?.[i] ?? stretchOf(band);
      const s = band?.statistics ?? {};
      const hint = typeof s.percentile_2 === 'number' && typeof s.percentile_98 === 'number'
        ? `2nd–98th percentile ${show(s.percentile_2)} to ${show(s.percentile_98)}` : '';
      const id = `range-${i}`;
      return el('div', { class: 'range' },
        el('span', { class: 'range-band', id: `${id}-name` }, bidx.length === 3 ? `${RGB[i][1]}: band ${bandNumber}` : `Band ${bandNumber}`),
        el('label', { for: `${id}-min` }, 'Minimum'),
        el('input', { id: `${id}-min`, name: `${id}-min`, type: 'number', step: 'any', required: true,
          value: show(min), 'aria-describedby': `${id}-hint ${id}-error` }),
        el('label', { for: `${id}-max` }, 'Maximum'),
        el('input', { id: `${id}-max`, name: `${id}-max`, type: 'number', step: 'any', required: true,
          value: show(max), 'aria-describedby': `${id}-hint ${id}-error` }),
        el('p', { class: 'hint', id: `${id}-hint` }, hint),
        el('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
    });
    replaceChildren(this.ranges, el('legend', {}, 'Value range shown (rescale)'), rows);
  }

  changed(target) {
    if (target.name === 'output') {
      // Another output has its own bands and defaults: only the token and the output name go along.
      const page = new URL(window.location.href);
      const token = page.searchParams.get('token');
      page.search = '';
      if (token) {
        page.searchParams.set('token', token);
      }
      page.searchParams.set('output', target.value);
      window.location.assign(page.href);
      return;
    }
    if (target.name === 'mode' || target.name === 'band' || target.name?.startsWith('band-')) {
      // A new band gets its own range; the other fields keep theirs.
      const bidx = this.pickedBands();
      this.showRanges(bidx, bidx.map((b) => stretchOf(this.bands.find((band) => band.band === b))));
      this.showMode();
    }
    this.apply();
  }

  /** The parameters shown, or null (with the bad fields marked) when a range is not a number or not min < max. */
  read() {
    const bidx = this.pickedBands();
    const rescale = [];
    let valid = true;
    bidx.forEach((_, i) => {
      const min = this.field(`range-${i}-min`);
      const max = this.field(`range-${i}-max`);
      const low = Number.parseFloat(min.value);
      const high = Number.parseFloat(max.value);
      let problem = '';
      if (!Number.isFinite(low) || !Number.isFinite(high)) {
        problem = 'Enter a number in both fields.';
      } else if (!(low < high)) {
        problem = 'The minimum must be less than the maximum.';
      }
      for (const input of [min, max]) {
        input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      }
      this.form.querySelector(`#range-${i}-error`).textContent = problem;
      valid &&= !problem;
      rescale.push([low, high]);
    });
    if (!valid) {
      return null;
    }
    return {
      bidx,
      rescale,
      colormap: this.isRgb() ? null : this.field('colormap').value,
      resampling: this.field('resampling').value,
    };
  }

  apply() {
    const params = this.read();
    if (params) {
      this.onApply(params);
    }
  }
}
