// Drives the operators' console (GET /ops/) in headless chromium as an operator would, and reports what it showed,
// as JSON:
//
//   node ops-console.mjs --url <api>/ops/ --out <artefact dir> --name <run name> --operator-key <key>
//                        --org-key <key> --queue <queue to pause and resume> [--retry-job <failed job id>]
//
// 1. opens the page without a key (it must show the sign-in form and ask the api for nothing);
// 2. signs in with the operator key (pasted into the field labelled "Operator key"), waits for the first refresh
//    and reads the queue and worker tables, the attention list and the credits as a person would, and screenshots;
// 3. pauses --queue with its button and the confirmation dialog (after first cancelling once), waits until the
//    table shows it paused, then resumes it the same way;
// 4. signs out, signs in with the org key, and reads the refusal the page shows.
// With --retry-job it does none of that: it signs in, retries that failed job with the Retry button of its row in
// Recent failures and the confirmation dialog, and reads the outcome the page shows and the audit log after it.
// Screenshots and <name>.json are written to --out. Exit status: 0 when the report was written (the caller judges
// it), 2 when the browser is missing or cannot start, 1 on any other failure.
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, openBrowser, watchErrors } from './lib/chromium.mjs';
import { main } from './lib/script.mjs';

const WAIT_MS = 30_000;
const MAX_TABS = 60;
const REASON = 'paused by the browser test';
const RETRY_REASON = 'retried by the browser test';

/** The api calls the page made (operation ids and statuses) and the same-origin requests that failed. */
class Calls {
  constructor(page, pageUrl) {
    this.origin = new URL(pageUrl).origin;
    this.operations = [];
    this.failed = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === this.origin && url.pathname.includes('/v1/op/')) {
        this.operations.push({ operation: url.pathname.slice(url.pathname.lastIndexOf('/') + 1), status: response.status() });
      }
    });
    page.on('requestfailed', (request) => {
      const url = new URL(request.url());
      // A poll aborted by an action or a sign-out is the page's own doing.
      if (url.origin === this.origin && request.failure()?.errorText !== 'net::ERR_ABORTED') {
        this.failed.push({ url: url.pathname, error: request.failure()?.errorText ?? '?' });
      }
    });
  }

  count() {
    return this.operations.length;
  }

  since(from) {
    return this.operations.slice(from);
  }
}

/** Waits until the console has shown a refresh (aria-busy false, the queue table filled). */
async function refreshed(page) {
  await page.waitForFunction(() => document.getElementById('console')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('#queues tbody tr[data-queue]') !== null, null, { timeout: WAIT_MS });
}

/** The tables and facts as a person reads them: cell texts by column header. */
function readConsole(page) {
  return page.evaluate(() => {
    const table = (id) => {
      const headers = [...document.querySelectorAll(`#${id} thead th`)].map((th) => th.textContent.trim());
      return [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) => {
        const row = { class: tr.className };
        [...tr.children].forEach((cell, i) => {
          // What a sighted reader sees: the words of the cell, not the titles inside its sparklines.
          const words = cell.cloneNode(true);
          words.querySelectorAll('svg').forEach((svg) => svg.remove());
          row[headers[i] ?? `column ${i}`] = words.textContent.replace(/\s+/g, ' ').trim();
        });
        row.sparklines = [...tr.querySelectorAll('svg')].map((svg) => ({
          label: svg.getAttribute('aria-label'),
          points: (svg.querySelector('polyline')?.getAttribute('points') ?? '').split(' ').filter(Boolean).length,
        }));
        const button = tr.querySelector('button');
        row.button = button ? button.getAttribute('aria-label') : null;
        return row;
      });
    };
    const facts = {};
    for (const term of document.querySelectorAll('#ledger dt')) {
      facts[term.textContent.trim()] = term.nextElementSibling?.textContent.trim() ?? '';
    }
    const controls = [...document.querySelectorAll('input, button, select, a[href]')].filter((c) => c.offsetParent !== null);
    const problem = document.getElementById('problem');
    return {
      queues: table('queues'),
      workers: table('workers'),
      failures: table('failures'),
      stuck: table('stuck'),
      audit: table('audit'),
      attention: [...document.querySelectorAll('#attention-list li')].map((li) => ({ class: li.className, text: li.textContent.trim() })),
      ledger: facts,
      refreshed: document.getElementById('refreshed')?.textContent.trim() ?? '',
      problem: problem && !problem.hidden ? problem.textContent.trim() : null,
      console_hidden: document.getElementById('console')?.hidden ?? null,
      sign_in_hidden: document.getElementById('sign-in')?.hidden ?? null,
      // A control a screen reader cannot name: no <label>, no aria-label(ledby), not a button or link with text.
      unlabeled: controls.filter((c) => (c.labels?.length ?? 0) === 0 && !c.getAttribute('aria-label')
        && !c.getAttribute('aria-labelledby') && !((c.tagName === 'BUTTON' || c.tagName === 'A') && c.textContent.trim()))
        .map((c) => c.id || c.name || c.tagName),
      tables_without_headers: [...document.querySelectorAll('table')].filter((t) => !t.querySelector('thead th[scope="col"]')).map((t) => t.id),
    };
  });
}

/** The accessible names focused by pressing Tab from the top until one equals `target`. */
async function tabTo(page, target) {
  const visited = [];
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label')
      || document.activeElement?.id || document.activeElement?.textContent?.trim() || document.activeElement?.tagName || '');
    visited.push(focused);
    if (focused === target) {
      break;
    }
  }
  return visited;
}

/** Clicks `button` (by accessible name), reads the dialog, then cancels or confirms it with `confirm`'s words. */
async function viaDialog(page, button, { confirm = null, reason = '' } = {}) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible', timeout: WAIT_MS });
  const shown = {
    title: (await dialog.getByRole('heading').textContent()).trim(),
    text: (await page.locator('#confirm-text').textContent()).trim(),
    focused: await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''),
  };
  if (confirm === null) {
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  } else {
    await dialog.getByLabel('Reason (optional, kept in the audit log)').fill(reason);
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
  }
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  return shown;
}

/** Waits until the queue's row offers `button` (its state after an action and the refresh that follows). */
async function rowOffers(page, queue, button) {
  await page.waitForFunction(([q, b]) => document.querySelector(`#queues tr[data-queue="${q}"] button`)
    ?.getAttribute('aria-label') === b, [queue, button], { timeout: WAIT_MS });
}

async function run(opts) {
  const out = path.resolve(opts.out);
  fs.mkdirSync(out, { recursive: true });
  const queue = opts.queue;
  const report = { name: opts.name, chromium: CHROMIUM, url: opts.url };
  const { context, close } = await openBrowser(out);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const calls = new Calls(page, opts.url);

    // 1. Without a key.
    const answer = await page.goto(opts.url, { waitUntil: 'load', timeout: WAIT_MS });
    report.page_status = answer?.status() ?? null;
    report.page_type = answer?.headers()['content-type'] ?? null;
    await page.getByLabel('Operator key', { exact: true }).waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.waitForTimeout(500);
    report.anonymous = { ...(await readConsole(page)), calls: calls.since(0) };
    await page.screenshot({ path: path.join(out, `${opts.name}-sign-in.png`), fullPage: true });

    // 2. Signed in with the operator key.
    await page.getByLabel('Operator key', { exact: true }).fill(opts['operator-key']);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const started = Date.now();
    await refreshed(page);
    report.first_refresh_ms = Date.now() - started;
    report.signed_in = await readConsole(page);
    report.read_at_ms = Date.now();
    report.key_stored = await page.evaluate((key) => JSON.stringify({ ...sessionStorage }).includes(key), opts['operator-key']);
    // The screenshot once the sparklines have two polls to draw.
    await page.waitForFunction(() => document.querySelector('#queues tbody tr polyline') !== null, null, { timeout: WAIT_MS });
    await page.screenshot({ path: path.join(out, `${opts.name}-signed-in.png`), fullPage: true });
    report.tab_order = await tabTo(page, `Pause queue ${queue}`);

    // 3. Pause (a cancelled confirmation first), then resume.
    const beforeCancel = calls.count();
    report.cancelled_dialog = await viaDialog(page, `Pause queue ${queue}`);
    await page.waitForTimeout(300);
    report.cancelled_calls = calls.since(beforeCancel).filter((c) => c.operation.startsWith('ops.queues.'));
    report.pause_dialog = await viaDialog(page, `Pause queue ${queue}`, { confirm: `Pause ${queue}`, reason: REASON });
    await rowOffers(page, queue, `Resume queue ${queue}`);
    report.after_pause = await readConsole(page);
    await page.screenshot({ path: path.join(out, `${opts.name}-paused.png`), fullPage: true });
    report.resume_dialog = await viaDialog(page, `Resume queue ${queue}`, { confirm: `Resume ${queue}` });
    await rowOffers(page, queue, `Pause queue ${queue}`);
    report.after_resume = await readConsole(page);
    report.action_calls = calls.since(beforeCancel).filter((c) => c.operation.startsWith('ops.queues.'));

    // 4. Signed out, then an org key.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('Operator key', { exact: true }).waitFor({ state: 'visible', timeout: WAIT_MS });
    report.signed_out = { stored: await page.evaluate(() => sessionStorage.length) };
    const beforeOrg = calls.count();
    await page.getByLabel('Operator key', { exact: true }).fill(opts['org-key']);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForFunction(() => document.getElementById('problem')?.hidden === false, null, { timeout: WAIT_MS });
    report.org_key = { ...(await readConsole(page)), calls: calls.since(beforeOrg) };
    await page.screenshot({ path: path.join(out, `${opts.name}-org-key.png`), fullPage: true });

    report.failed_requests = calls.failed;
    report.page_errors = errors.page;
    // The org key's refused calls are logged by chromium as failed resources: expected, and not page errors.
    report.console_errors = errors.console.filter((text) => !/status of 40[13]/.test(text));
    report.csp_violations = errors.console.filter((text) => text.includes('Content Security Policy'));
  } finally {
    await close();
  }
  return report;
}

/** Signs in, retries the failed job through its row's button and the dialog, and reads what the page said. */
async function retry(opts) {
  const out = path.resolve(opts.out);
  fs.mkdirSync(out, { recursive: true });
  const jobId = opts['retry-job'];
  const report = { name: opts.name, chromium: CHROMIUM, url: opts.url, job: jobId };
  const { context, close } = await openBrowser(out);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const calls = new Calls(page, opts.url);
    await page.goto(opts.url, { waitUntil: 'load', timeout: WAIT_MS });
    await page.getByLabel('Operator key', { exact: true }).fill(opts['operator-key']);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await refreshed(page);
    report.before = await readConsole(page);
    const before = calls.count();
    report.retry_dialog = await viaDialog(page, `Retry job ${jobId}`, { confirm: 'Retry job', reason: RETRY_REASON });
    await page.waitForFunction(() => document.getElementById('outcome')?.hidden === false, null, { timeout: WAIT_MS });
    report.outcome = (await page.locator('#outcome').textContent()).trim();
    // The refresh after the action lists the retry first in the audit log.
    await page.waitForFunction(() => document.querySelector('#audit tbody tr')?.textContent.includes('ops.jobs.retry'),
      null, { timeout: WAIT_MS });
    report.after = await readConsole(page);
    report.retry_calls = calls.since(before).filter((c) => c.operation.startsWith('ops.jobs.'));
    await page.screenshot({ path: path.join(out, `${opts.name}-retried.png`), fullPage: true });
    // A second retry of the same job is refused, and the page shows the api's problem.
    await viaDialog(page, `Retry job ${jobId}`, { confirm: 'Retry job' });
    await page.waitForFunction(() => document.getElementById('problem')?.hidden === false, null, { timeout: WAIT_MS });
    report.second = (await readConsole(page)).problem;
    report.all_retry_calls = calls.since(before).filter((c) => c.operation.startsWith('ops.jobs.'));
    report.page_errors = errors.page;
    // The refused second retry is logged by chromium as a failed resource: expected, and not a page error.
    report.console_errors = errors.console.filter((text) => !/status of 409/.test(text));
    report.failed_requests = calls.failed;
  } finally {
    await close();
  }
  return report;
}

await main('ops-console', ['url', 'out', 'name', 'operator-key'], (opts) => (opts['retry-job'] ? retry(opts) : run(opts)));
