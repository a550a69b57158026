// Shared set-up for the browser tests: the page served on a free port and Debian's Chromium
// driven by playwright-core. Every page fails its test on a console error, an uncaught
// exception, or a request to any other origin.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Starts the server and the browser.
 * @returns {Promise<{url: string, browser: import('playwright-core').Browser, close: () => Promise<void>}>}
 */
export async function launch() {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url: server.url,
    browser,
    close: async () => { await browser.close(); await server.close(); },
  };
}

/**
 * Opens a fresh page (own context, downloads allowed) that records every problem.
 * @returns {Promise<{page: import('playwright-core').Page, problems: string[]}>}
 */
export async function openPage(env) {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(env.url).origin;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.origin === origin) return route.continue();
    problems.push(`request to another origin: ${u.href}`);
    return route.abort();
  });
  await page.goto(env.url);
  await page.waitForFunction(() => document.documentElement.dataset.engine);
  return { page, problems };
}
