// Undo and redo: every edit, by Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y and by the buttons, unlimited,
// and still there after a reload (the history is stored per document).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, analyzeText, blockLabels, exportJson, openWorkspace, reload, selectString } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const entities = (page) => page.locator('mark.ent').evaluateAll((ms) => ms.map((m) => `${m.textContent}/${m.dataset.label}/${m.dataset.source}`));

test('undo and redo every kind of edit, by keys and by buttons', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const states = [{ blocks: await blockLabels(page), ents: await entities(page) }];
  const record = async () => states.push({ blocks: await blockLabels(page), ents: await entities(page) });

  await page.locator('#annotated .block').nth(1).click();
  await page.keyboard.press('x'); await record();
  await page.keyboard.press('Shift+X'); await record();
  await selectString(page, ARTICLE, 'ministers');
  await page.keyboard.press('4'); await record();
  await page.keyboard.press('2'); await record(); // relabel the focused new entity
  await page.keyboard.press('Shift+ArrowRight'); await record();
  await page.keyboard.press('Backspace'); await record();
  await page.getByRole('button', { name: 'Accept all' }).click(); await record();

  const now = async () => ({ blocks: await blockLabels(page), ents: await entities(page) });
  for (let i = states.length - 2; i >= 0; i--) {
    await page.keyboard.press('Control+z');
    assert.deepEqual(await now(), states[i], `after undoing to state ${i}`);
  }
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);
  await page.keyboard.press('Control+Shift+Z');
  assert.deepEqual(await now(), states[1]);
  await page.keyboard.press('Control+y');
  assert.deepEqual(await now(), states[2]);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await now(), states[3]);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await now(), states[2]);
  // A new edit after undoing drops the redo branch.
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('m');
  assert.equal(await page.getByRole('button', { name: 'Redo' }).isDisabled(), true);
  assert.deepEqual(problems, []);
});

test('the history survives a reload: undo after reload, redo after reload', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const original = await exportJson(page);
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('x');
  await selectString(page, ARTICLE, 'useful');
  await page.keyboard.press('4');
  const edited = await exportJson(page);
  // Many edits: the history is unlimited.
  await page.locator('mark.ent', { hasText: 'useful' }).click();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press(i % 2 ? '4' : '5');
    assert.equal(await page.locator('mark.ent', { hasText: 'useful' }).getAttribute('data-label'), i % 2 ? 'MISC' : 'DATE');
  }
  await reload(page);
  await page.locator('mark.ent', { hasText: 'useful' }).waitFor();
  assert.equal(await page.locator('mark.ent', { hasText: 'useful' }).getAttribute('data-label'), 'MISC');
  for (let i = 0; i < 30; i++) await page.keyboard.press('Control+z');
  assert.deepEqual((await exportJson(page)).entities, edited.entities);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  const back = await exportJson(page);
  assert.deepEqual(back.blocks, original.blocks);
  assert.deepEqual(back.entities, original.entities);
  await page.keyboard.press('Control+Shift+Z');
  await reload(page);
  await page.locator('#annotated .block').first().waitFor();
  assert.equal(await page.locator('#annotated .block').first().getAttribute('data-label'), 'boilerplate', 'redo state after reload');
  await page.keyboard.press('Control+y');
  assert.equal(await page.locator('mark.ent', { hasText: 'useful' }).getAttribute('data-label'), 'MISC');
  assert.deepEqual(problems, []);
});
