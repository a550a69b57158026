// Benchmark (not a test): where a fresh page's first analysis spends its time, in Debian's
// Chromium: importing the bindings, fetching and compiling the wasm, instantiating it,
// loading the name tagger's model, the first analysis (the other models, first-call
// compilation of the code it runs), and a second analysis for comparison. Medians of N
// fresh pages (default 7). Run `bash scripts/build.sh` first.
//   node scripts/cold-breakdown.mjs [ARTICLE.txt] [--runs N]
//   CHROMIUM_FLAGS='--js-flags=--liftoff-only' node scripts/cold-breakdown.mjs   (to see V8's share)
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
// --revisit: every page after the first opens in the same browser profile, as an analyst's
// next visit does (the HTTP cache, and the wasm code Chromium cached, are kept).
const REVISIT = args.includes('--revisit');
const articlePath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs')
  ?? new URL('../tests/fixtures/seeds/004_4a37522199f6be1e.txt', import.meta.url).pathname;
const article = readFileSync(articlePath, 'utf8');

const server = await startServer({ port: 0 });
// Extra Chromium flags (e.g. --js-flags=--no-wasm-lazy-compilation) from CHROMIUM_FLAGS, to see where the time goes.
const extra = (process.env.CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extra] });
const env = { browser, url: server.url, close: async () => { await browser.close(); await server.close(); } };
const rows = [];
try {
  const shared = REVISIT ? await env.browser.newContext() : null;
  if (shared) {
    // The first visit, not counted; then time for Chromium to write its code cache.
    const first = await shared.newPage();
    await first.goto(`${env.url}index.html`);
    await first.evaluate(async (text) => {
      const m = await import('/pkg/clipmark.js');
      await m.default({ module_or_path: await WebAssembly.compileStreaming(fetch('/pkg/clipmark_bg.wasm')) });
      for (let k = 0; k < 20; k++) m.analyze(text);
    }, article);
    await first.waitForTimeout(3000);
    await first.close();
  }
  for (let i = 0; i < RUNS; i++) {
    const page = await (shared ?? await env.browser.newContext()).newPage();
    await page.goto(`${env.url}index.html`);
    rows.push(await page.evaluate(async (text) => {
      const t = [performance.now()];
      const m = await import('/pkg/clipmark.js');
      t.push(performance.now());
      const module = await WebAssembly.compileStreaming(fetch('/pkg/clipmark_bg.wasm'));
      t.push(performance.now());
      await m.default({ module_or_path: module });
      t.push(performance.now());
      m.benchTagConll('', 0);
      t.push(performance.now());
      m.analyze(text);
      t.push(performance.now());
      m.analyze(text);
      t.push(performance.now());
      return t.slice(1).map((x, k) => x - t[k]);
    }, article));
    if (shared) await page.close();
    else await page.context().close();
  }
} finally {
  await env.close();
}
const names = ['import js', 'fetch+compile', 'instantiate', 'NER model load', 'first analyze', 'second analyze'];
const med = (k) => { const s = rows.map((r) => r[k]).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const [k, n] of names.entries()) console.log(`${n.padEnd(16)} median ${med(k).toFixed(1)} ms  (${rows.map((r) => r[k].toFixed(0)).join(', ')})`);
const tot = rows.map((r) => r.slice(0, 5).reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
console.log(`total to first result median ${tot[Math.floor(tot.length / 2)].toFixed(1)} ms`);
