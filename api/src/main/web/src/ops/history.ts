// The recent values of each queue, kept from the polls for the sparklines (the api answers the present only).

/** Samples kept per series: two minutes at the 2 s poll. */
export const SAMPLES = 60;

export class History {
  private readonly series = new Map<string, number[]>();

  /** Adds `value` to series `key`, dropping the oldest beyond SAMPLES. */
  add(key: string, value: number): void {
    const values = this.series.get(key) ?? [];
    values.push(value);
    if (values.length > SAMPLES) {
      values.splice(0, values.length - SAMPLES);
    }
    this.series.set(key, values);
  }

  values(key: string): readonly number[] {
    return this.series.get(key) ?? [];
  }

  /** The change over the kept samples (last − first), 0 with fewer than two. */
  trend(key: string): number {
    const values = this.values(key);
    return values.length < 2 ? 0 : values[values.length - 1] - values[0];
  }

  clear(): void {
    this.series.clear();
  }
}
