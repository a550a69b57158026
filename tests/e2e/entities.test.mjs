// Entity corrections: select and press a digit (snapped to words unless Alt), the palette,
// relabel / delete / resize a focused entity, replacing overlapped entities, "label all
// occurrences", "accept all", keyboard-only labelling, and offsets after emoji, CJK and
// combining marks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, analyzeText, cpSlice, exportJson, openWorkspace, selectString } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const find = (json, text) => json.entities.filter((e) => e.text === text);

test('a selection inside a word snaps to the word; Alt keeps it exact; the palette labels too', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await selectString(page, ARTICLE, 'ministers', 0, 2, 2); // "niste"
  await page.keyboard.press('4');
  const mark = page.locator('mark.ent', { hasText: 'ministers' });
  assert.equal(await mark.getAttribute('data-label'), 'MISC');
  assert.equal(await mark.getAttribute('data-source'), 'human');
  // The new entity has the focus, ready to be relabelled or resized.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'ministers');

  await selectString(page, ARTICLE, 'detailed', 0, 0, 3); // "detai"
  await page.keyboard.press('Alt+5');
  assert.equal(await page.locator('mark.ent[data-label="DATE"]', { hasText: 'detai' }).textContent(), 'detai');

  await selectString(page, ARTICLE, ' staff', 0, 0, 0); // leading space is trimmed
  await page.getByRole('button', { name: 'Label as ORG (organisation)' }).click();
  assert.equal(await page.locator('mark.ent[data-label="ORG"]', { hasText: 'staff' }).textContent(), 'staff');

  const json = await exportJson(page);
  assert.deepEqual(find(json, 'ministers').map((e) => [e.label, e.source]), [['MISC', 'human']]);
  assert.deepEqual(find(json, 'detai').map((e) => e.label), ['DATE']);
  assert.deepEqual(find(json, 'staff').map((e) => e.label), ['ORG']);
  for (const e of json.entities) assert.equal(cpSlice(json.text, e.start, e.end), e.text);
  assert.ok(json.entities.filter((e) => e.source === 'model').length > 0, 'untouched model labels stay model');
  assert.deepEqual(problems, []);
});

test('click an entity, relabel it with a digit, resize it with Shift+arrows, delete it', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  // Make a known entity first: "Jane" as PER.
  await selectString(page, ARTICLE, 'Jane');
  await page.keyboard.press('1');
  const jane = page.locator('mark.ent', { hasText: /^Jane/ });
  await jane.click();
  await page.keyboard.press('2');
  assert.equal(await jane.getAttribute('data-label'), 'ORG');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.locator('mark.ent[data-label="ORG"]', { hasText: 'Jane' }).textContent(), 'Jane Roe');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await page.locator('mark.ent[data-label="ORG"]', { hasText: 'Jane' }).textContent(), 'Jane');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  assert.equal(await page.locator('mark.ent[data-label="ORG"]', { hasText: 'Jane' }).textContent(), 'By Jane');
  await page.keyboard.press('Control+Shift+ArrowRight');
  assert.equal(await page.locator('mark.ent[data-label="ORG"]', { hasText: 'Jane' }).textContent(), 'Jane');
  await page.keyboard.press('Delete');
  assert.equal(await page.locator('mark.ent', { hasText: 'Jane' }).count(), 0);
  const json = await exportJson(page);
  assert.equal(find(json, 'Jane').length + find(json, 'Jane Roe').length, 0);
  assert.deepEqual(problems, []);
});

test('a new label over existing entities replaces them; entities stay sorted and apart', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await selectString(page, ARTICLE, 'Sergey Lavrov');
  await page.keyboard.press('1');
  await selectString(page, ARTICLE, 'Antony Blinken');
  await page.keyboard.press('1');
  await selectString(page, ARTICLE, 'Lavrov met Antony', 0, 2, 2); // "vrov met Anto"
  await page.keyboard.press('4');
  const json = await exportJson(page);
  assert.deepEqual(find(json, 'Lavrov met Antony').map((e) => e.label), ['MISC']);
  assert.equal(find(json, 'Sergey Lavrov').length + find(json, 'Antony Blinken').length, 0);
  for (let i = 1; i < json.entities.length; i++) assert.ok(json.entities[i].start >= json.entities[i - 1].end);
  assert.deepEqual(problems, []);
});

test('label all occurrences: the other whole-word occurrences are offered, one by one or all', async () => {
  const { page, problems } = await openWorkspace(env);
  const text = 'Quarterly Gizmo Report\n\nThe gizmo trade grew. A gizmo costs more than gizmos did, and every gizmo ships from Lyon.\n\nNo gizmo was left; gizmology is a word.';
  await analyzeText(page, text);
  await selectString(page, text, 'gizmo', 0);
  await page.keyboard.press('4');
  const panel = page.locator('#occurrences');
  await panel.waitFor();
  const items = panel.getByRole('list', { name: 'Other occurrences' }).locator('li');
  assert.equal(await items.count(), 3, 'gizmos and gizmology are not offered; Gizmo differs in case');
  await items.first().getByRole('button').click();
  assert.equal(await items.count(), 2);
  await panel.getByRole('button', { name: 'Label all 2 as MISC' }).click();
  await panel.waitFor({ state: 'hidden' });
  const json = await exportJson(page);
  assert.equal(find(json, 'gizmo').length, 4);
  assert.ok(find(json, 'gizmo').every((e) => e.label === 'MISC' && e.source === 'human'));
  // One undo takes back the "all" step only.
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('mark.ent', { hasText: /^gizmo$/ }).count(), 2);
  assert.deepEqual(problems, []);
});

test('keyboard only: Tab to an entity, arrows select words, Shift+arrows extend, a digit labels', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await page.getByRole('region', { name: 'Annotated article' }).focus();
  // Go to the first body block.
  const bodyIndex = await page.locator('#annotated .block', { hasText: 'Sergey Lavrov met' }).getAttribute('data-index');
  for (let i = 0; i <= Number(bodyIndex); i++) await page.keyboard.press('j');
  await page.keyboard.press('ArrowRight'); // first word: Sergey
  await page.keyboard.press('Shift+ArrowRight'); // Sergey Lavrov
  await page.keyboard.press('3');
  assert.equal(await page.locator('mark.ent', { hasText: /^Sergey Lavrov$/ }).getAttribute('data-label'), 'LOC');
  // Tab from the block reaches its entities.
  await page.locator('#annotated .block.active').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MARK');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sergey Lavrov');
  await page.keyboard.press('1');
  assert.equal(await page.locator('mark.ent', { hasText: 'Sergey Lavrov' }).getAttribute('data-label'), 'PER');
  assert.deepEqual(problems, []);
});

test('offsets stay right after emoji, CJK and combining marks', async () => {
  const { page, problems } = await openWorkspace(env);
  const text = 'Zoë 👩‍👩‍👧 visited 東京 with 😀 friends\n\nThe cafe\u0301 owner 👍🏽 Mx Ôbrien said prices in 東京 rose 5%.';
  await analyzeText(page, text);
  await selectString(page, text, '東京', 0);
  await page.keyboard.press('3');
  await selectString(page, text, 'friends', 0, 1, 0);
  await page.keyboard.press('4');
  await selectString(page, text, 'cafe\u0301', 0, 1, 2); // "af": snaps out to the whole word, mark included
  await page.keyboard.press('2');
  await selectString(page, text, 'Ôbrien', 0, 0, 3);
  await page.keyboard.press('1');
  const json = await exportJson(page);
  assert.equal(json.text, text);
  const byText = (t) => json.entities.find((e) => e.text === t);
  assert.equal(byText('東京')?.label, 'LOC');
  assert.equal(byText('friends')?.label, 'MISC');
  assert.equal(byText('cafe\u0301')?.label, 'ORG');
  assert.equal(byText('Ôbrien')?.label, 'PER');
  for (const e of json.entities) assert.equal(cpSlice(text, e.start, e.end), e.text);
  assert.equal(byText('friends').start, Array.from(text).indexOf('f'));
  // The view shows exactly the exported spans.
  assert.deepEqual(await page.locator('mark.ent').allTextContents(), json.entities.map((e) => e.text));
  assert.deepEqual(problems, []);
});

test('"Accept all" marks every label human and the document done', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  assert.match(await page.locator('#docs .doc-status').textContent(), /new/);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await page.locator('#docs .doc-status', { hasText: 'done' }).waitFor();
  const json = await exportJson(page);
  assert.ok(json.blocks.every((b) => b.source === 'human'));
  assert.ok(json.entities.every((e) => e.source === 'human'));
  await page.keyboard.press('Control+z');
  await page.locator('#docs .doc-status', { hasText: 'new' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a mouse drag from the middle of one word to the middle of another labels the whole words', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  const at = ARTICLE.indexOf('long and detailed');
  // Screen points of two UTF-16 offsets: inside "long" and inside "detailed".
  const points = await page.evaluate(([a, b]) => {
    const block = [...document.querySelectorAll('#annotated .block')].find((x) => Number(x.dataset.start) <= a && b <= Number(x.dataset.end));
    block.scrollIntoView({ block: 'center' });
    const point = (o) => {
      let left = o - Number(block.dataset.start);
      const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        if (left < n.length) {
          const r = document.createRange();
          r.setStart(n, left);
          r.setEnd(n, left + 1);
          const box = r.getBoundingClientRect();
          return { x: box.left + 1, y: box.top + box.height / 2 };
        }
        left -= n.length;
      }
      throw new Error('no point');
    };
    return [point(a), point(b)];
  }, [at + 2, at + 'long and deta'.length]);
  await page.mouse.move(points[0].x, points[0].y);
  await page.mouse.down();
  await page.mouse.move(points[1].x, points[1].y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('4');
  await page.locator('mark.ent[data-label="MISC"]').first().waitFor();
  assert.equal(await page.locator('mark.ent[data-label="MISC"]', { hasText: 'long' }).textContent(), 'long and detailed');
  assert.deepEqual(problems, []);
});
