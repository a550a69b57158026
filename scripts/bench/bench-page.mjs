// Browser benchmark of the correction workflow on a large document (not a test): builds a
// document of about 50,000 words (the fixtures repeated, or the file given as argument), adds
// it to the page, then labels, relabels, resizes, sets block labels, undoes and redoes, and
// prints how long each keystroke took to update the view and the longest main-thread task.
//
//   node scripts/bench/bench-page.mjs [FILE] [--words N] [--keys N]
import { readFileSync, readdirSync } from 'node:fs';
import { startServer } from '../build/serve.mjs';
import { launchChromium } from '../build/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const WORDS = opt('--words', 50_000);
const KEYS = opt('--keys', 40);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));

/** The benchmark text: the given file, or the fixture articles repeated to WORDS words. */
function buildText() {
  if (file) return readFileSync(file, 'utf8');
  const dir = new URL('../../tests/fixtures/', import.meta.url);
  const parts = [];
  for (const sub of ['seeds', 'articles']) {
    for (const f of readdirSync(new URL(`${sub}/`, dir))) if (f.endsWith('.txt')) parts.push(readFileSync(new URL(`${sub}/${f}`, dir), 'utf8'));
  }
  let text = '';
  let words = 0;
  for (let i = 0; words < WORDS; i++) {
    const p = parts[i % parts.length];
    // Number each copy so that lines are not all exact repeats of each other.
    const copy = `${p.trim()}\n\nPart ${i + 1}\n\n`;
    text += copy;
    words += copy.split(/\s+/).filter(Boolean).length;
  }
  return text;
}

/** Summary statistics of a list of milliseconds. */
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms (n=${s.length})`;
}

const text = buildText();
const words = text.split(/\s+/).filter(Boolean).length;
console.log(`document: ${words} words, ${text.length} UTF-16 code units`);

const server = await startServer({ port: 0 });
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Keystroke timing: from the key event to the end of its handlers, and to the next frame.
    window.__keys = [];
    const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);
    document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
    window.addEventListener('keydown', (e) => {
      if (MODIFIERS.has(e.key)) return;
      const t0 = window.__t0;
      // Force style and layout, so the figure covers the view really being updated.
      document.querySelector('#annotated .block.active')?.getBoundingClientRect();
      const handled = performance.now() - t0;
      const key = `${e.ctrlKey ? 'Ctrl+' : ''}${e.shiftKey && e.key.length > 1 ? 'Shift+' : ''}${e.key}`;
      requestAnimationFrame(() => setTimeout(() => window.__keys.push({ key, t0, handled, frame: performance.now() - t0 }), 0));
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.workspace === 'ready');

  const t0 = Date.now();
  await page.locator('#files').setInputFiles([{ name: 'bench.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await page.locator('#annotated .block').first().waitFor({ timeout: 120_000 });
  const loadMs = Date.now() - t0;
  const info = await page.evaluate(() => ({
    blocks: document.querySelectorAll('#annotated .block').length,
    marks: document.querySelectorAll('#annotated mark').length,
  }));
  console.log(`import + analysis + first render: ${loadMs} ms wall (${info.blocks} blocks, ${info.marks} entities shown)`);
  const loadTasks = await page.evaluate(() => window.__longtasks.splice(0));
  console.log(`long tasks while loading: ${loadTasks.length}, longest ${Math.max(0, ...loadTasks.map((t) => t.duration)).toFixed(0)} ms`);

  // Edit in the middle of the document.
  const mid = Math.floor(info.blocks / 2);
  await page.evaluate((i) => {
    const b = document.querySelectorAll('#annotated .block')[i];
    b.scrollIntoView({ block: 'center' });
    b.focus();
  }, mid);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__keys = []; window.__longtasks = []; });

  const sequence = [];
  for (let k = 0; k < KEYS; k++) sequence.push(...[['ArrowRight'], ['Shift+ArrowRight'], [String(1 + (k % 9))], [String(1 + ((k + 3) % 9))], ['Shift+ArrowRight'], ['Delete'], ['b'], ['x'], ['Control+z'], ['Control+Shift+Z'], ['j']].slice(0, 11));
  for (const [key] of sequence) await page.keyboard.press(key);
  await page.waitForTimeout(500);
  const { keys, longtasks } = await page.evaluate(() => ({ keys: window.__keys, longtasks: window.__longtasks }));
  console.log(`keystrokes: ${keys.length} (label, relabel, resize, delete, block label, undo, redo, move) on a ${words}-word document`);
  console.log(`  key event → handlers done, style and layout (view updated): ${stats(keys.map((k) => k.handled))}`);
  console.log(`  key event → next frame (includes waiting for vsync/compositor): ${stats(keys.map((k) => k.frame))}`);
  const byKey = new Map();
  for (const k of keys) byKey.set(/^\d$/.test(k.key) ? 'digit' : k.key, [...(byKey.get(/^\d$/.test(k.key) ? 'digit' : k.key) ?? []), k.handled]);
  for (const [k, ms] of byKey) console.log(`    ${k.padEnd(18)} ${stats(ms)}`);
  console.log(`long tasks while editing: ${longtasks.length}, longest ${Math.max(0, ...longtasks.map((t) => t.duration)).toFixed(0)} ms`);
  if (process.env.BENCH_VERBOSE) {
    for (const t of longtasks) {
      const k = [...keys].reverse().find((x) => x.t0 <= t.start);
      console.log(`    long task ${t.duration.toFixed(0)} ms, ${k ? `${(t.start - k.t0).toFixed(0)} ms after ${k.key}` : 'before any key'}`);
    }
  }

  // Label all occurrences of a frequent name in one step, then undo it.
  const common = await page.evaluate(() => {
    const marks = [...document.querySelectorAll('#annotated mark')];
    return marks.length ? marks[Math.floor(marks.length / 2)].textContent : null;
  });
  if (common) console.log(`(a frequent entity text: "${common}")`);
} finally {
  await browser.close();
  await server.close();
}
