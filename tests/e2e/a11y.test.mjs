// Accessible and keyboard-only: the "?" overlay lists the shortcuts, every control has a
// name, focus is visible, labels are written out (colour is never the only cue), and a whole
// correction session works without a pointer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, exportJson, openWorkspace } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('"?" opens the shortcut list, Escape closes it and gives the focus back', async () => {
  const { page, problems } = await openWorkspace(env);
  await page.getByRole('region', { name: 'Annotated article' }).focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const text = await dialog.textContent();
  for (const want of ['Shift+X', 'Ctrl+Z', 'Ctrl+Y', 'Delete', '1 PER', '9 EMAIL', 'Alt']) assert.ok(text.includes(want), want);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'annotated');
  await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
});

test('every control has an accessible name; focus is visible; labels are text, not only colour', async () => {
  const { page, problems } = await openWorkspace(env);
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, textarea, input')]
    .filter((e) => !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim()))
    .map((e) => e.outerHTML));
  assert.deepEqual(unnamed, []);
  for (const name of ['Title', 'Meta', 'Body', 'Boilerplate', 'Boilerplate from here down', 'Undo', 'Redo', 'Accept all', 'Label as PER (person)', 'Label as EMAIL (e-mail)', 'Download export', 'Analyze', 'Export JSON']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('toolbar', { name: 'Corrections' }).count(), 1);

  await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
  // Keyboard only from here: Ctrl+Enter analyses, Tab reaches the article.
  await page.keyboard.press('Control+Enter');
  await page.locator('#annotated .block').first().waitFor();
  await page.getByRole('region', { name: 'Annotated article' }).focus();
  await page.keyboard.press('j');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the selected block shows where the focus is');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const block = page.locator('#annotated .block.active');
  const before = await block.evaluate((b) => getComputedStyle(b, '::before').content);
  assert.match(before, /boilerplate.*✓|attr/, 'the block label is written out');
  const marks = page.locator('mark.ent');
  if (await marks.count()) {
    const after = await marks.first().evaluate((m) => getComputedStyle(m, '::after').content);
    assert.notEqual(after, 'none', 'each entity shows its label as text');
  }
  // Tab order reaches the toolbar and its buttons act on the article's selection.
  await page.keyboard.press('ArrowRight');
  const word = await page.evaluate(() => document.getSelection().toString());
  assert.ok(word.length > 0);
  await page.getByRole('button', { name: 'Label as LOC (location)' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('mark.ent[data-label="LOC"]', { hasText: word }).waitFor();
  const json = await exportJson(page);
  assert.ok(json.entities.some((e) => e.text === word && e.label === 'LOC'));
  assert.deepEqual(problems, []);
});
