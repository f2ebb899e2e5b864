// How numbers, ages and times read in the console.

const NUMBER = new Intl.NumberFormat('en');

export function count(value: number | null | undefined): string {
  return typeof value === 'number' ? NUMBER.format(value) : '–';
}

/** An age in seconds as people say it: "45 s", "3 min 20 s", "2 h 5 min"; '–' when there is none. */
export function age(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    return '–';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Seconds from an ISO instant to now (never negative), or null. */
export function secondsSince(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) {
    return null;
  }
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, (now - at) / 1000);
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A time of day today, else with its date; the ISO text as a fallback. */
export function time(iso: string | null | undefined): string {
  if (!iso) {
    return '–';
  }
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) {
    return iso;
  }
  return at.toDateString() === new Date().toDateString() ? TIME.format(at) : DAY_TIME.format(at);
}

export function percent(ratio: number | null | undefined): string {
  return typeof ratio === 'number' && Number.isFinite(ratio) ? `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %` : '–';
}
