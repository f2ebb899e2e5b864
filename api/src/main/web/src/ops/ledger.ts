// The credit totals beside the queues. No ops.* operation answers them (admin.credits.balance is per org and
// admin-only), so they come from the api's own gauges on /q/metrics, the numbers the alerts read
// (docs/OPERATIONS-GUIDE.md "Metrics"). Read only once the operator key has been accepted by ops.queues.
import { el, replaceChildren } from '../shared/dom.js';
import { count } from './format';

const METRICS = new URL('../q/metrics', window.location.href);

/** The value of an unlabelled sample `name`, or the sum over its labelled samples; null when absent. */
export function sample(text: string, name: string): number | null {
  let total: number | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) {
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (Number.isFinite(value)) {
        total = (total ?? 0) + value;
      }
    }
  }
  return total;
}

function fact(term: string, value: string, key: string, alarm = false): HTMLElement[] {
  return [el('dt', {}, term), el('dd', { 'data-fact': key, class: alarm ? 'alarm' : null }, value)];
}

/** Fills the <dl> with the credit totals; says so when the metrics cannot be read from here. */
export async function renderLedger(list: HTMLElement, signal?: AbortSignal): Promise<void> {
  let text: string;
  try {
    const response = await fetch(METRICS, { headers: { Accept: 'text/plain' }, credentials: 'omit', cache: 'no-store', signal });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    replaceChildren(list, fact('Credits', `not readable from this page (${error instanceof Error ? error.message : error})`, 'error'));
    return;
  }
  const violations = sample(text, 'geopera_ledger_invariant_violations');
  const credits = (value: number | null) => (value === null ? '–' : `${count(value)} credits`);
  replaceChildren(list,
    fact('Held now (all orgs)', credits(sample(text, 'geopera_credits_held')), 'held'),
    fact('Settled since this api started', credits(sample(text, 'geopera_credits_settled_total')), 'settled'),
    fact('Ledger invariant violations', violations === null ? '–'
      : violations === 0 ? 'none' : `▲ ${count(violations)} (admin.ledger.audit lists them)`, 'violations', (violations ?? 0) > 0),
    fact('Dead-lettered records', count(sample(text, 'geopera_dead_letter_records')), 'dead-letters'));
}
