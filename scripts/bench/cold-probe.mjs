// Benchmark (not a test): where "fetch + compile" of the wasm goes in Debian's Chromium. Makes,
// from a wasm file (default www/pkg/clipmark_bg.wasm), a code-only copy (every data segment
// emptied), a module with no code and one data segment as large as the file's data section,
// and an empty module; serves them beside the file (and any other wasm files given) and, in a
// fresh browser context each, times `WebAssembly.compileStreaming(fetch(...))`, alternating
// the files (A, B, C, ... then in reverse). Medians of N runs (default 9).
//   node scripts/bench/cold-probe.mjs [--runs N] [--split] [--no-store] [FILE.wasm ...]
// --split: time fetch + arrayBuffer and WebAssembly.compile separately instead.
// --no-store: serve with `Cache-Control: no-store` (Chromium then skips its HTTP cache write).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startServer } from '../build/serve.mjs';
import { launchChromium } from '../build/chromium.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 9;
const SPLIT = args.includes('--split');
const NO_STORE = args.includes('--no-store');
const inputs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
if (!inputs.length) inputs.push(new URL('../../www/pkg/clipmark_bg.wasm', import.meta.url).pathname);

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
function readLeb(b, i) {
  let v = 0;
  let s = 0;
  let x;
  do {
    x = b[i++];
    v += (x & 0x7f) * 2 ** s;
    s += 7;
  } while (x & 0x80);
  return [v, i];
}
/** The module's sections: id, start, body start, end. */
function sections(b) {
  const out = [];
  for (let i = 8; i < b.length;) {
    const [len, j] = readLeb(b, i + 1);
    out.push({ id: b[i], start: i, body: j, end: j + len });
    i = j + len;
  }
  return out;
}
/** The module with every active data segment's bytes emptied (offsets kept). */
function codeOnly(b) {
  const parts = [b.subarray(0, 8)];
  for (const s of sections(b)) {
    if (s.id !== 11) {
      parts.push(b.subarray(s.start, s.end));
      continue;
    }
    let [n, k] = readLeb(b, s.body);
    const body = [...leb(n)];
    for (let q = 0; q < n; q++) {
      const k0 = k;
      if (b[k++] !== 0 || b[k++] !== 0x41) throw new Error('only active segments at i32.const offsets');
      k = readLeb(b, k)[1];
      if (b[k++] !== 0x0b) throw new Error('unexpected offset expression');
      const header = b.subarray(k0, k);
      const [len, k2] = readLeb(b, k);
      k = k2 + len;
      body.push(...header, 0);
    }
    parts.push(Buffer.from([11, ...leb(body.length)]), Buffer.from(body));
  }
  return Buffer.concat(parts);
}
/** A module with no code: a memory and one data segment of `n` bytes (a third of them non-zero). */
function dataOnly(n) {
  const data = Buffer.alloc(n);
  let x = 1;
  for (let q = 0; q < n; q += 3) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    data[q] = x >>> 24;
  }
  const pages = Math.ceil(n / 65536) + 1;
  const memory = [5, ...leb(1 + leb(pages).length + 1), 1, 0, ...leb(pages)];
  const segment = [1, 0, 0x41, 0, 0x0b, ...leb(n)];
  return Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.from(memory),
    Buffer.from([11, ...leb(segment.length + n)]), Buffer.from(segment), data,
  ]);
}

const dir = mkdtempSync(join(tmpdir(), 'cold-probe-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>probe</title>\n');
const files = inputs.map((f, i) => {
  const name = `${i}-${basename(f)}`;
  copyFileSync(f, join(dir, name));
  return name;
});
const first = readFileSync(inputs[0]);
const data = sections(first).find((s) => s.id === 11);
writeFileSync(join(dir, 'code-only.wasm'), codeOnly(first));
writeFileSync(join(dir, 'data-only.wasm'), dataOnly(data ? data.end - data.body : 0));
writeFileSync(join(dir, 'empty.wasm'), dataOnly(16));
files.push('code-only.wasm', 'data-only.wasm', 'empty.wasm');

const sizes = Object.fromEntries(files.map((f) => [f, statSync(join(dir, f)).size]));
const server = await startServer({ port: 0, root: dir, cacheControl: NO_STORE ? 'no-store' : 'no-cache' });
const browser = await launchChromium();
const results = Object.fromEntries(files.map((f) => [f, []]));
try {
  for (let i = 0; i < RUNS; i++) {
    for (const f of i % 2 ? [...files].reverse() : files) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}index.html`);
      results[f].push(await page.evaluate(async ({ f, split }) => {
        const t0 = performance.now();
        if (!split) {
          await WebAssembly.compileStreaming(fetch(`/${f}`));
          return [performance.now() - t0];
        }
        const bytes = await (await fetch(`/${f}`)).arrayBuffer();
        const t1 = performance.now();
        await WebAssembly.compile(bytes);
        return [t1 - t0, performance.now() - t1];
      }, { f, split: SPLIT }));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true });
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const f of files) {
  const r = results[f];
  const cols = SPLIT
    ? `fetch ${med(r.map((x) => x[0])).toFixed(1)} ms, compile ${med(r.map((x) => x[1])).toFixed(1)} ms`
    : `compileStreaming(fetch) ${med(r.map((x) => x[0])).toFixed(1)} ms`;
  console.log(`${f.padEnd(24)} ${(sizes[f] / 1e6).toFixed(2).padStart(5)} MB  ${cols}  (runs: ${r.map((x) => x.reduce((a, b) => a + b, 0).toFixed(0)).join(', ')})`);
}
