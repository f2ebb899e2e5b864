// The job beside the map: what it is, its status and what it cost, from the TileJSON's `job` summary.
import { el, replaceChildren } from '../shared/dom.js';

function row(term, value) {
  return value === null || value === undefined || value === '' ? [] : [el('dt', {}, term), el('dd', {}, String(value))];
}

function credits(value) {
  return typeof value === 'number' ? `${value.toLocaleString('en')} credits` : null;
}

/** Fills the <dl> with the job summary (`job`: {job_id, status, process_id, title, billing: {…}}). */
export function showJob(list, job, outputName) {
  const billing = job?.billing ?? {};
  replaceChildren(list,
    row('Job', job?.title ? `${job.title} (${job.job_id})` : job?.job_id),
    row('Process', job?.process_id),
    row('Status', job?.status),
    row('Output', outputName),
    row('Billing', billing.status),
    row('Reserved', credits(billing.reserved_credits)),
    row('Charged', credits(billing.charged_credits)));
}
