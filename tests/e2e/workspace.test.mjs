// The workspace: many documents with title, status and counts; files added by the picker,
// by drop and by paste; every edit autosaved; reload restores the exact state; deleting can be
// undone; storage failures are shown, never swallowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, analyzeText, openWorkspace, reload, selectString } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const SECOND = 'Markets Rally On Friday\n\nStocks in London and Paris rose on Friday, traders said, as investors bought shares of banks and miners across the region.';

test('a list of documents with title, status and counts; switching keeps each one\'s edits', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await analyzeText(page, SECOND);
  const docs = page.getByRole('list', { name: 'Documents' });
  const items = docs.locator('li');
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).textContent(), /Leaders Meet In Geneva.*new.*\d+ blocks · \d+ entities · 0 checked/);
  assert.match(await items.nth(1).textContent(), /Markets Rally On Friday/);
  assert.equal(await items.nth(1).locator('.doc-open').getAttribute('aria-current'), 'true');

  await selectString(page, SECOND, 'miners');
  await page.keyboard.press('4');
  await items.nth(1).filter({ hasText: 'in progress' }).waitFor();
  assert.match(await items.nth(1).textContent(), /1 checked/);

  await items.nth(0).getByRole('button', { name: /^Leaders Meet/ }).click();
  await page.locator('#annotated .block', { hasText: 'Leaders Meet In Geneva' }).waitFor();
  assert.equal(await items.nth(0).locator('.doc-open').getAttribute('aria-current'), 'true');
  await items.nth(1).getByRole('button', { name: /^Markets Rally/ }).click();
  await page.locator('mark.ent', { hasText: 'miners' }).waitFor();
  assert.deepEqual(problems, []);
});

test('reload restores the documents, the open one, its selected block and its edits', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, SECOND);
  await analyzeText(page, ARTICLE);
  await page.getByRole('button', { name: /^Markets Rally/ }).click();
  await page.locator('#annotated .block').nth(1).click();
  await page.keyboard.press('x');
  await reload(page);
  await page.locator('#annotated .block').first().waitFor();
  const items = page.getByRole('list', { name: 'Documents' }).locator('li');
  assert.equal(await items.count(), 2);
  assert.equal(await items.nth(0).locator('.doc-open').getAttribute('aria-current'), 'true');
  assert.match(await items.nth(0).textContent(), /in progress/);
  assert.equal(await page.locator('#annotated .block').nth(1).getAttribute('data-label'), 'boilerplate');
  assert.equal(await page.locator('#annotated .block.active').getAttribute('data-index'), '1');
  assert.deepEqual(problems, []);
});

test('deleting a document can be undone, also after a reload', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('x');
  await analyzeText(page, SECOND);
  const items = page.getByRole('list', { name: 'Documents' }).locator('li');
  await page.getByRole('button', { name: 'Delete Leaders Meet In Geneva' }).click();
  assert.equal(await items.count(), 1);
  await reload(page);
  assert.equal(await items.count(), 1);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await items.nth(1).waitFor();
  assert.match(await items.nth(0).textContent(), /Leaders Meet In Geneva/);
  assert.equal(await page.locator('#annotated .block').nth(0).getAttribute('data-label'), 'boilerplate', 'its edits came back with it');
  assert.equal(await page.getByRole('button', { name: 'Undo delete' }).isHidden(), true);
  assert.deepEqual(problems, []);
});

test('files are added by the picker, by drop and by paste', async () => {
  const { page, problems } = await openWorkspace(env);
  await page.locator('#files').setInputFiles([{ name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE) }]);
  const items = page.getByRole('list', { name: 'Documents' }).locator('li');
  await items.first().waitFor();
  const add = (kind, name, text) => page.evaluate(([k, n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'text/plain' }));
    if (k === 'drop') document.querySelector('#annotated').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    else document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [kind, name, text]);
  await add('drop', 'second.txt', SECOND);
  await items.nth(1).waitFor();
  await add('paste', 'third.txt', 'Third Story Here\n\nA third story about Lisbon and Porto, which were visited by many tourists this summer, officials said.');
  await items.nth(2).waitFor();
  assert.match(await items.nth(2).textContent(), /Third Story Here/);
  assert.deepEqual(problems, []);
});

test('storage unavailable (IndexedDB throws): the page says so and editing still works', async () => {
  const { page, problems } = await openWorkspace(env, {
    init: () => {
      IDBFactory.prototype.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
    },
  });
  const alert = page.locator('#storage-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), /Storage is unavailable.*will NOT be saved/);
  assert.equal(await page.locator('#save-state').textContent(), 'Not saved (no storage)');
  await analyzeText(page, ARTICLE);
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('x');
  assert.equal(await page.locator('#annotated .block').nth(0).getAttribute('data-label'), 'boilerplate');
  assert.deepEqual(problems, []);
});

test('a failing write (quota exceeded) is shown, and the edit stays on screen', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => { throw new DOMException('Quota exceeded.', 'QuotaExceededError'); };
  });
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('x');
  const alert = page.locator('#storage-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Could not save your edit: the browser's storage is full/);
  assert.equal(await page.locator('#annotated .block').nth(0).getAttribute('data-label'), 'boilerplate');
  assert.match(await page.locator('#save-state').textContent(), /Not saved/);
  // Adding a document when storage refuses it fails as a whole and says so.
  await page.getByRole('textbox', { name: 'Article text' }).fill(SECOND);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#error').filter({ hasText: /nothing was added/ }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Documents' }).locator('li').count(), 1);
  assert.deepEqual(problems, []);
});

/**
 * Init script: delays the worker's analysis results by 1.5 s, as a slow machine or a huge paste
 * would, so the progress indication (shown after 150 ms) is tested without a race against
 * how fast this machine happens to analyse.
 */
function slowAnalysis() {
  const Real = window.Worker;
  window.Worker = class extends Real {
    set onmessage(fn) {
      super.onmessage = (event) => {
        const v = event.data?.value;
        if (v && typeof v === 'object' && v.format === 'clipmark/v1' && Array.isArray(v.blocks)) {
          window.__analysesFromWorker = (window.__analysesFromWorker ?? 0) + 1;
          setTimeout(() => fn.call(this, event), 1500);
        } else {
          fn.call(this, event);
        }
      };
    }
    get onmessage() { return super.onmessage; }
  };
}

test('a large paste is analysed off the main thread, with a progress indication', async () => {
  const { page, problems } = await openWorkspace(env, { init: slowAnalysis });
  const big = Array.from({ length: 1200 }, (_, i) => `Paragraph ${i}. ${ARTICLE.split('\n').slice(5, 8).join(' ')}`).join('\n\n');
  await page.getByRole('textbox', { name: 'Article text' }).fill(big);
  await page.getByRole('button', { name: 'Analyze' }).click();
  const progress = page.getByRole('progressbar', { name: 'Analysis in progress' });
  await progress.waitFor();
  // The page answers while the worker analyses.
  const t0 = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - t0 < 1000, 'the main thread is free');
  await progress.waitFor({ state: 'hidden' });
  await page.locator('#status').filter({ hasText: /blocks/ }).waitFor();
  assert.ok(await page.locator('#annotated .block').count() >= 1200);
  assert.equal(await page.evaluate(() => window.__analysesFromWorker), 1, 'the analysis came from the worker');
  assert.deepEqual(problems, []);
});
