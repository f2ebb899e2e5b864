// The job beside the map: what it is, its status and what it cost, from the TileJSON's `job` summary.
import { el, replaceChildren } from '../shared/dom.js';

function row(term, value) {
  return value === null || value === undefined || value === '' ? [] : [el('dt', {}, term), el('dd', {}, String(value))];
}

function credits(value) {
  return typeof value === 'number' ? `${value.toLocaleString('en')} credits` : null;
}

// dateStyle and timeStyle cannot be combined with timeZoneName (a TypeError): the fields are named one by one.
const TIME_FORMAT = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

function time(iso) {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toLocaleString('en-GB', TIME_FORMAT) : null;
}

/**
 * Fills the <dl> with the job summary (`job`: {job_id, title, status, process_id, finished_at, billing: {…}}), the
 * output shown and until when the page's link works.
 */
export function showJob(list, job, outputName, linkExpiresAt) {
  const billing = job?.billing ?? {};
  replaceChildren(list,
    row('Job', job?.title ? `${job.title} (${job.job_id})` : job?.job_id),
    row('Process', job?.process_id),
    row('Status', job?.status),
    row('Finished', time(job?.finished_at)),
    row('Output', outputName),
    row('Billing', billing.status),
    row('Reserved', credits(billing.reserved_credits)),
    row('Charged', credits(billing.charged_credits)),
    row('Link valid until', time(linkExpiresAt)));
}
