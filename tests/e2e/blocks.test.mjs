// Block corrections: click or arrow keys / j,k to select; t, m, b, x to label; Shift+X for
// "everything below is boilerplate"; the toolbar does the same; labels become human.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, analyzeText, blockLabels, exportJson, openWorkspace, reload } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('click a block and press t, m, b, x: the label changes, is marked human and is exported', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const blocks = page.locator('#annotated .block');
  const n = await blocks.count();
  assert.ok(n >= 5, `${n} blocks`);
  const target = blocks.filter({ hasText: 'Related items' });
  await target.click();
  assert.match(await target.getAttribute('class'), /active/);
  for (const [key, label] of [['t', 'title'], ['m', 'meta'], ['b', 'body'], ['x', 'boilerplate']]) {
    await page.keyboard.press(key);
    assert.equal(await target.getAttribute('data-label'), label);
    assert.equal(await target.getAttribute('data-source'), 'human');
  }
  await page.keyboard.press('b');
  const json = await exportJson(page);
  const i = Number(await target.getAttribute('data-index'));
  assert.deepEqual([json.blocks[i].label, json.blocks[i].source], ['body', 'human']);
  assert.ok(json.blocks.filter((b, k) => k !== i).every((b) => b.source === 'model'), 'untouched blocks stay model');
  assert.deepEqual(problems, []);
});

test('keyboard only: arrows and j/k move between blocks, Shift+X makes everything below boilerplate', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await page.getByRole('region', { name: 'Annotated article' }).focus();
  await page.keyboard.press('ArrowDown');
  const active = () => page.locator('#annotated .block.active').getAttribute('data-index');
  assert.equal(await active(), '0');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), '2');
  await page.keyboard.press('k');
  assert.equal(await active(), '1');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), '0');
  // The focused element is the selected block, so screen readers follow it.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '0');
  await page.keyboard.press('t');
  const labels = await blockLabels(page);
  const body = labels.indexOf('body');
  for (let i = 0; i < body + 1; i++) await page.keyboard.press('j');
  await page.keyboard.press('Shift+X');
  const after = await blockLabels(page);
  assert.equal(after[0], 'title');
  for (let i = body + 1; i < after.length; i++) assert.equal(after[i], 'boilerplate', `block ${i}`);
  for (let i = 1; i <= body; i++) assert.equal(after[i], labels[i], `block ${i} untouched`);
  // Block 0 (pressed t) and every block from the first body block's successor down are human.
  const human = await page.locator('#annotated .block[data-source="human"]').count();
  assert.equal(human, 1 + after.length - body - 1);
  assert.deepEqual(problems, []);
});

test('toolbar buttons set the label of the selected block and "Boilerplate from here down"', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const blocks = page.locator('#annotated .block');
  await blocks.nth(1).click();
  await page.getByRole('button', { name: /^Meta/ }).click();
  assert.equal(await blocks.nth(1).getAttribute('data-label'), 'meta');
  await page.getByRole('button', { name: /^Body/ }).click();
  assert.equal(await blocks.nth(1).getAttribute('data-label'), 'body');
  const last = await blocks.count();
  await blocks.nth(last - 2).click();
  await page.getByRole('button', { name: /Boilerplate from here down/ }).click();
  assert.deepEqual((await blockLabels(page)).slice(-2), ['boilerplate', 'boilerplate']);
  assert.deepEqual(problems, []);
});

test('block labels and the selected block survive a reload', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const blocks = page.locator('#annotated .block');
  await blocks.nth(2).click();
  await page.keyboard.press('m');
  await page.keyboard.press('j');
  const before = await blockLabels(page);
  await reload(page);
  await page.locator('#annotated .block').first().waitFor();
  assert.deepEqual(await blockLabels(page), before);
  assert.equal(await page.locator('#annotated .block.active').getAttribute('data-index'), '3');
  assert.equal(await blocks.nth(2).getAttribute('data-source'), 'human');
  assert.deepEqual(problems, []);
});
