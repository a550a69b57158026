// Benchmark (not a test): wasm name-tagging speed of several builds in Debian's Chromium,
// measured alternately (one page per build, ROUNDS rounds of 3 passes over the file's tokens
// each), since timing on a shared machine drifts by more than most changes. Each ROOT is a
// build's bench page directory (`bash scripts/bench/build-bench-wasm.sh DIR`: the page with a
// wasm that also has `benchTagConll`).
//   node scripts/bench/tag-ab.mjs CONLL_FILE ROOT_A ROOT_B [...] [ROUNDS]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../build/serve.mjs';
import { launchChromium } from '../build/chromium.mjs';
const [conllPath, ...rest] = process.argv.slice(2);
const conll = readFileSync(conllPath, 'utf8');
const roots = rest.filter((r) => isNaN(Number(r)));
const R = Number(rest.find((r) => !isNaN(Number(r))) ?? 3);
const servers = await Promise.all(roots.map((root) => startServer({ port: 0, root: resolve(root) })));
const browser = await launchChromium();
const pages = [];
for (const s of servers) {
  const page = await browser.newPage();
  await page.goto(`${s.url}index.html`);
  await page.evaluate(async (conll) => { const m = await import('/pkg/clipmark.js'); await m.default(); window.m = m; m.benchTagConll(conll, 1); }, conll);
  pages.push(page);
}
const res = roots.map(() => []);
for (let i = 0; i < R; i++) {
  const order = [...pages.entries()];
  if (i % 2) order.reverse(); // A, B, then B, A
  for (const [k, page] of order) {
    res[k].push(await page.evaluate((conll) => {
      let t0 = performance.now(); m.benchTagConll(conll, 0); const parse = performance.now() - t0;
      t0 = performance.now(); const n = m.benchTagConll(conll, 3); const tag = performance.now() - t0 - parse;
      return n / (tag / 1000);
    }, conll));
  }
}
await browser.close(); await Promise.all(servers.map((s) => s.close()));
for (const [k, r] of res.entries()) { const s = [...r].sort((a, b) => a - b); console.log(`${roots[k]}: median ${Math.round(s[Math.floor(s.length / 2)]).toLocaleString('en')} tokens/s (${r.map((x) => Math.round(x / 1000)).join(', ')} k)`); }
