// Benchmark (not a test): where a fresh page's first analysis spends its time, in Debian's
// Chromium: importing the bindings, fetching and compiling the wasm, instantiating it,
// the engine's warm-up (the page's worker runs it at load: models and a sample analysis), the
// first analysis (first-call compilation of the code it runs), and a second analysis for
// comparison. Medians of N
// fresh pages (default 7). Run `bash scripts/build/build.sh` first.
//   node scripts/bench/cold-breakdown.mjs [ARTICLE.txt] [--runs N]
//   CHROMIUM_FLAGS='--js-flags=--liftoff-only' node scripts/bench/cold-breakdown.mjs   (to see V8's share)
//   node scripts/bench/cold-breakdown.mjs --bare   (the page's app, whose worker loads the engine too,
//     not started: only the measured loading runs)
//   node scripts/bench/cold-breakdown.mjs --page   (the page itself instead: from navigation start to
//     its worker's engine being loaded and warmed up, then the first Analyze click to the
//     annotated view)
//   node scripts/bench/cold-breakdown.mjs --root A/www --root B/www   (two builds' www/ directories,
//     served side by side and measured alternately, A, B, B, A, A, B, ..., one report each: timing
//     on a shared machine drifts by more than most changes, so compare builds this way)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../build/serve.mjs';
import { launchChromium } from '../build/chromium.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
// --revisit: every page after the first opens in the same browser profile, as an analyst's
// next visit does (the HTTP cache, and the wasm code Chromium cached, are kept).
const REVISIT = args.includes('--revisit');
const PAGE = args.includes('--page');
// --bare: the page's own app.js is not run, so its worker does not load the engine while the
// measured loading runs (by default it does, in the same browser context: both fetch the wasm
// and compile it at once).
const BARE = args.includes('--bare');
const roots = args.flatMap((a, i) => (args[i - 1] === '--root' ? [a] : []));
const articlePath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--root')
  ?? new URL('../../tests/fixtures/seeds/004_4a37522199f6be1e.txt', import.meta.url).pathname;
const article = readFileSync(articlePath, 'utf8');

const servers = roots.length ? await Promise.all(roots.map((root) => startServer({ port: 0, root: resolve(root) }))) : [await startServer({ port: 0 })];
// Extra Chromium flags (e.g. --js-flags=--no-wasm-lazy-compilation) from CHROMIUM_FLAGS, to see where the time goes.
const extra = (process.env.CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean);
const browser = await launchChromium(extra);
const results = servers.map(() => []);
try {
  for (let i = 0; i < RUNS; i++) {
    // A, B, then B, A: neither build always follows the other.
    const order = [...servers.entries()];
    if (i % 2) order.reverse();
    for (const [k, server] of order) {
      // --revisit: one profile per build, so each keeps its own cache.
      if (REVISIT && i === 0) server.shared = await firstVisit(server.url);
      results[k].push(await (PAGE ? pageRun : coldRun)(server.url, server.shared));
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

async function firstVisit(url) {
  const shared = await browser.newContext();
  {
    // The first visit, not counted; then time for Chromium to write its code cache.
    const first = await shared.newPage();
    await first.goto(`${url}index.html`);
    await first.evaluate(async (text) => {
      const m = await import('/pkg/clipmark.js');
      await m.default({ module_or_path: await WebAssembly.compileStreaming(fetch('/pkg/clipmark_bg.wasm')) });
      for (let k = 0; k < 20; k++) m.analyze(text);
    }, article);
    await first.waitForTimeout(3000);
    await first.close();
  }
  return shared;
}

async function pageRun(url, shared) {
  const page = await (shared ?? await browser.newContext()).newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.engine);
  const ready = await page.evaluate(() => performance.getEntriesByName('clipmark:engine-ready')[0].startTime);
  await page.getByRole('textbox', { name: 'Article text' }).fill(article);
  const click = await page.evaluate(() => new Promise((done) => {
    const t = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector('#annotated .block')) { obs.disconnect(); done(performance.now() - t); }
    });
    obs.observe(document.getElementById('annotated'), { childList: true, subtree: true });
    document.getElementById('analyze').click();
  }));
  if (shared) await page.close();
  else await page.context().close();
  return [ready, click];
}

async function coldRun(url, shared) {
  const page = await (shared ?? await browser.newContext()).newPage();
  if (BARE) await page.route('**/js/app.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  await page.goto(`${url}index.html`);
  const row = await page.evaluate(async (text) => {
      const t = [performance.now()];
      const m = await import('/pkg/clipmark.js');
      t.push(performance.now());
      const module = await WebAssembly.compileStreaming(fetch('/pkg/clipmark_bg.wasm'));
      t.push(performance.now());
      await m.default({ module_or_path: module });
      t.push(performance.now());
      m.warmUp();
      t.push(performance.now());
      m.analyze(text);
      t.push(performance.now());
      m.analyze(text);
      t.push(performance.now());
      return t.slice(1).map((x, k) => x - t[k]);
  }, article);
  if (shared) await page.close();
  else await page.context().close();
  return row;
}

const names = PAGE
  ? ['engine ready', 'first Analyze']
  : ['import js', 'fetch+compile', 'instantiate', 'warm-up (models, sample)', 'first analyze', 'second analyze'];
for (const [j, rows] of results.entries()) {
  if (roots.length) console.log(`== ${roots[j]}`);
  const med = (k) => { const s = rows.map((r) => r[k]).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  for (const [k, n] of names.entries()) console.log(`${n.padEnd(16)} median ${med(k).toFixed(1)} ms  (${rows.map((r) => r[k].toFixed(0)).join(', ')})`);
  if (PAGE) continue; // engine ready counts from navigation start, the click from the paste
  const tot = rows.map((r) => r.slice(0, 5).reduce((a, b) => a + b, 0));
  const sorted = [...tot].sort((a, b) => a - b);
  console.log(`total to first result median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms  (${tot.map((x) => x.toFixed(0)).join(', ')})`);
}
