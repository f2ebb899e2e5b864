// Debian's chromium, headless, driven by playwright-core: the one way the system tests open a page.
// No browser is ever downloaded; a missing /usr/bin/chromium is an error that says how to install it.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.GEOPERA_CHROMIUM ?? '/usr/bin/chromium';

// --disable-background-networking and its neighbours: without them chromium keeps calling Google's hosts, which this
// network refuses (and at every start it fails to look them up).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Thrown when the browser cannot be started; its message is the whole diagnosis. */
export class BrowserMissing extends Error {}

/**
 * A fresh browser context (its own new user data directory under `workDir`) with a laptop-sized viewport, and
 * `close()`, which ends the browser and removes that directory.
 */
export async function openBrowser(workDir, { width = 1280, height = 800 } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new BrowserMissing(`${CHROMIUM} not found: the browser tests need Debian's chromium `
      + '(apt-get install chromium; deploy/test installs it)');
  }
  fs.mkdirSync(workDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(workDir, 'chromium-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width, height },
      deviceScaleFactor: 1,
      timeout: 60_000,
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw new BrowserMissing(`${CHROMIUM} did not start: ${error.message.split('\n')[0]}`);
  }
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return { context, close };
}

/**
 * Collects what a page reports as going wrong: uncaught script errors (`page`) and console errors (`console`, each
 * passed through `clean`, e.g. to keep tokens out of the reports).
 */
export function watchErrors(page, clean = (text) => text) {
  const errors = { page: [], console: [] };
  page.on('pageerror', (error) => errors.page.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.console.push(clean(message.text()));
    }
  });
  return errors;
}
