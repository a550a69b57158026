// Benchmark (not a test): the engine as the page runs it, in Debian's Chromium.
//   node scripts/bench/bench-wasm.mjs CONLL_FILE [ARTICLE.txt]
// Prints (1) the time from a fresh page to the end of its first `analyze` of ARTICLE (wasm
// fetch + compile + instantiate + model initialisation + analysis), (2) name-tagger
// throughput in wasm on CONLL_FILE's tokens (parsing excluded), (3) `analyze` throughput on
// ARTICLE. Run `bash scripts/build/build.sh` and then `bash scripts/bench/build-bench-wasm.sh`
// first: it serves target/bench-www/, the page with a wasm that also has `benchTagConll`.
// (1) runs in index.html, whose own worker loads
// the same wasm meanwhile, and V8 shares the compiled module between them; for the loading
// alone see `node scripts/bench/cold-breakdown.mjs --bare`.
import { readFileSync } from 'node:fs';
import { startServer } from '../build/serve.mjs';
import { launchChromium } from '../build/chromium.mjs';

const [conllPath, articlePath = new URL('../../tests/fixtures/seeds/004_4a37522199f6be1e.txt', import.meta.url).pathname] = process.argv.slice(2);
if (!conllPath) {
  console.error('usage: node scripts/bench/bench-wasm.mjs CONLL_FILE [ARTICLE.txt]');
  process.exit(2);
}
const conll = readFileSync(conllPath, 'utf8');
const article = readFileSync(articlePath, 'utf8');

const root = new URL('../../target/bench-www/', import.meta.url).pathname;
const server = await startServer({ port: 0, root });
const env = { url: server.url, browser: await launchChromium() };
try {
  const firsts = [];
  for (let i = 0; i < 5; i++) {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.url}index.html`);
    firsts.push(await page.evaluate(async (text) => {
      const t0 = performance.now();
      const m = await import('/pkg/clipmark.js');
      await m.default();
      const doc = m.analyze(text);
      if (!doc.entities.length) throw new Error('no entities');
      return performance.now() - t0;
    }, article));
    await page.context().close();
  }
  firsts.sort((a, b) => a - b);
  console.log(`first analyze in a fresh page (load + compile wasm + model init + analyze ${article.length} chars): median ${firsts[2].toFixed(1)} ms (runs: ${firsts.map((x) => x.toFixed(0)).join(', ')} ms)`);

  const clicks = [];
  for (let i = 0; i < 5; i++) {
    const p = await (await env.browser.newContext()).newPage();
    const t0 = Date.now();
    await p.goto(env.url);
    await p.waitForFunction(() => document.documentElement.dataset.engine);
    const loaded = Date.now() - t0;
    await p.getByRole('textbox', { name: 'Article text' }).fill(article);
    const ms = await p.evaluate(() => new Promise((resolve) => {
      const t = performance.now();
      const status = document.getElementById('status');
      const obs = new MutationObserver(() => {
        if (document.querySelector('#annotated .block')) { obs.disconnect(); resolve(performance.now() - t); }
      });
      obs.observe(document.getElementById('annotated'), { childList: true, subtree: true });
      document.getElementById('analyze').click();
      void status;
    }));
    clicks.push([ms, loaded]);
    await p.context().close();
  }
  clicks.sort((a, b) => a[0] - b[0]);
  console.log(`first Analyze on a freshly loaded page (engine loaded and warmed up in its worker at page load, median ${clicks[2][1]} ms): click → annotated view median ${clicks[2][0].toFixed(1)} ms (runs: ${clicks.map((x) => x[0].toFixed(0)).join(', ')} ms)`);

  const page = await env.browser.newPage();
  await page.goto(`${env.url}index.html`);
  const r = await page.evaluate(async ({ conll, article }) => {
    const m = await import('/pkg/clipmark.js');
    await m.default();
    m.benchTagConll(conll, 1); // warm up
    let t0 = performance.now();
    m.benchTagConll(conll, 0);
    const parse = performance.now() - t0;
    const rounds = 5;
    t0 = performance.now();
    const n = m.benchTagConll(conll, rounds);
    const tag = performance.now() - t0 - parse;
    t0 = performance.now();
    let k = 0;
    while (performance.now() - t0 < 2000) { m.analyze(article); k++; }
    const an = performance.now() - t0;
    return { n, tag, rounds, k, an };
  }, { conll, article });
  console.log(`wasm name tagging in Chromium: ${r.n} tokens in ${r.tag.toFixed(0)} ms = ${Math.round(r.n / (r.tag / 1000)).toLocaleString('en')} tokens/s (one thread, ${r.rounds} rounds)`);
  console.log(`wasm analyze in Chromium: ${(r.an / r.k).toFixed(2)} ms per ${article.length}-char article (${r.k} runs), ${((article.length * r.k) / (r.an / 1000) / 1e6).toFixed(2)} M chars/s`);
} finally {
  await env.browser.close();
  await server.close();
}
