// Shared set-up for the browser tests: the page served on a free port and Debian's Chromium
// driven by playwright-core. Every page fails its test on a console error, an uncaught
// exception, or a request to any other origin.
//
// The server is started as a user starts it, `node scripts/build/serve.mjs --port 0` in a child
// process (the URL is read from the line it prints), so the tests see exactly the headers a user
// gets, the Content-Security-Policy included, and import nothing from scripts/.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Runs `node scripts/build/serve.mjs --port 0` and waits for the URL it prints.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
function startServer() {
  const child = spawn(process.execPath, ['scripts/build/serve.mjs', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => child.kill();
  // A test process that ends without closing (a crash, a failed before()) takes its server along.
  process.once('exit', stop);
  const exited = new Promise((done) => child.once('exit', done));
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { stop(); fail(new Error(`serve.mjs printed no URL in 10 s:\n${out}${err}`)); }, 10_000);
    child.once('error', (e) => { clearTimeout(timer); fail(e); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`serve.mjs exited (${signal ?? code}) before printing its URL:\n${out}${err}`));
    });
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /served at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      ok({
        url: m[1].endsWith('/') ? m[1] : `${m[1]}/`,
        close: async () => {
          process.removeListener('exit', stop);
          if (child.exitCode === null && child.signalCode === null) stop();
          await exited;
        },
      });
    });
  });
}

/**
 * Starts the server and the browser.
 * @returns {Promise<{url: string, browser: import('playwright-core').Browser, close: () => Promise<void>}>}
 */
export async function launch() {
  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    await server.close();
    throw e;
  }
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
