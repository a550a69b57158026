// Import and export: clipmark/v1 JSON and JSONL both ways, for the current or every document;
// doccano and Label Studio through the engine's converters and its importFile; invalid files
// get a message naming the problem and the line or record, and leave the workspace exactly as
// it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { ARTICLE, analyzeText, cpSlice, downloadVia, exportJson, openWorkspace, selectString } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const SECOND = 'Markets Rally On Friday\n\nStocks in London and Paris rose on Friday, traders said, as investors bought shares of banks and miners 😀 across the region.';

/** Chooses a format and scope and downloads the export. */
async function exportAs(page, format, scope) {
  await page.getByRole('combobox', { name: 'Export format' }).selectOption(format);
  await page.getByRole('combobox', { name: 'Export scope' }).selectOption(scope);
  return downloadVia(page, () => page.getByRole('button', { name: 'Download export' }).click());
}

/** Adds files through the picker. */
async function addFiles(page, files) {
  await page.locator('#files').setInputFiles(files.map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
}

const listTexts = (page) => page.getByRole('list', { name: 'Documents' }).locator('li').allTextContents();

test('export the current or all documents as clipmark/v1 JSON and JSONL, and import them back', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await selectString(page, ARTICLE, 'ministers');
  await page.keyboard.press('4');
  await analyzeText(page, SECOND);
  const current = await exportAs(page, 'clipmark-json', 'current');
  assert.equal(current.name, 'markets-rally-on-friday.clipmark.json');
  assert.equal(JSON.parse(current.text).text, SECOND);

  const lines = await exportAs(page, 'clipmark-jsonl', 'all');
  assert.equal(lines.name, 'clipmark-workspace.clipmark.jsonl');
  const docs = lines.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(docs.map((d) => d.text), [ARTICLE, SECOND]);
  assert.ok(docs[0].entities.some((e) => e.text === 'ministers' && e.label === 'MISC' && e.source === 'human'));
  for (const d of docs) for (const e of d.entities) assert.equal(cpSlice(d.text, e.start, e.end), e.text, 'code-point offsets');

  const array = await exportAs(page, 'clipmark-json', 'all');
  assert.equal(JSON.parse(array.text).length, 2);

  // Import all three back: 1 + 2 + 2 documents, labels kept.
  await addFiles(page, [['one.clipmark.json', current.text], ['all.clipmark.jsonl', lines.text], ['all.clipmark.json', array.text]]);
  const items = page.getByRole('list', { name: 'Documents' }).locator('li');
  await items.nth(6).waitFor();
  assert.equal(await items.count(), 7);
  await items.nth(3).getByRole('button', { name: /^Leaders Meet/ }).click();
  const back = await exportJson(page);
  assert.deepEqual(back.entities, docs[0].entities);
  assert.deepEqual(back.blocks, docs[0].blocks);
  assert.deepEqual(problems, []);
});

test('invalid imports name the problem and the line or record, and change nothing', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, ARTICLE);
  await page.locator('#annotated .block').nth(0).click();
  await page.keyboard.press('x');
  const good = await exportJson(page);
  const before = await listTexts(page);
  const labelsBefore = await page.locator('#annotated .block').evaluateAll((bs) => bs.map((b) => b.dataset.label));
  const line = JSON.stringify(good);
  const badOffsets = JSON.stringify({ ...good, entities: [{ start: 5, end: 99999, label: 'PER', text: 'x', source: 'human' }] });
  const badText = JSON.stringify({ ...good, entities: [{ start: 0, end: 7, label: 'PER', text: 'Nothing', source: 'human' }] });
  const cases = [
    [[['bad.json', '{"format": "clipmark/v1", "text": ']], /bad\.json: .*invalid JSON/],
    [[['schema.json', '{"format": "clipmark/v2", "text": "x", "offsets": "codepoint", "blocks": [], "entities": []}']], /schema\.json: .*format/],
    [[['offsets.json', badOffsets]], /offsets\.json: .*entity 0.*outside the text/],
    [[['text.json', badText]], /text\.json: .*entity 0: text "Nothing" does not match/],
    [[['lines.jsonl', `${line}\n${badText}\n`]], /lines\.jsonl: line 2: entity 0/],
    [[['lines2.jsonl', `${line}\n\n{oops\n`]], /lines2\.jsonl: line 3, column 2: invalid JSON/],
    [[['what.json', '{"hello": 1}']], /what\.json: not a clipmark\/v1 document/],
    [[['d.jsonl', '{"text": "Anna"}\n{"text": "Bob", "label": [[0, 3, "PERSON"]]}\n']], /d\.jsonl: line 2: label 1: unknown label "PERSON"/],
    [[['ls.json', '[{"data": {"text": "Anna"}, "annotations": [{"result": [{"value": {"start": 0, "end": 4, "text": "Bob", "labels": ["PER"]}}]}]}]']], /ls\.json: record 1: result 1: text "Bob" does not match/],
    [[['empty.jsonl', '\n\n']], /empty\.jsonl: the file is empty/],
    // One good file and one bad: neither is added.
    [[['good.json', line], ['worse.json', '[1, 2']], /worse\.json/],
  ];
  for (const [files, message] of cases) {
    await addFiles(page, files);
    const error = page.locator('#error');
    await error.filter({ hasText: message }).waitFor();
    assert.match(await error.textContent(), /Nothing was added; the workspace is unchanged\./);
    assert.deepEqual(await listTexts(page), before);
  }
  assert.deepEqual(await page.locator('#annotated .block').evaluateAll((bs) => bs.map((b) => b.dataset.label)), labelsBefore);
  assert.deepEqual(problems, []);
});

test('doccano and Label Studio: imported and exported through the engine', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, SECOND);

  for (const format of ['doccano', 'labelstudio', 'spacy', 'conll', 'brat']) {
    const { name, text } = await exportAs(page, format, 'current');
    assert.ok(name.startsWith('markets-rally-on-friday'), name);
    assert.ok(text.length > 0);
    if (format === 'doccano') {
      const rec = JSON.parse(text.trim().split('\n')[0]);
      assert.equal(rec.text, SECOND);
      for (const [s, e] of rec.label) assert.ok(cpSlice(SECOND, s, e).trim().length > 0);
    }
  }
  const doccano = `${JSON.stringify({ text: 'Anna met Bob in Paris.', label: [[0, 4, 'PER'], [16, 21, 'LOC']] })}\n`;
  const labelstudio = JSON.stringify([{ data: { text: 'Anna met Bob in Paris.' }, annotations: [{ result: [{ value: { start: 0, end: 4, text: 'Anna', labels: ['PER'] }, from_name: 'label', to_name: 'text', type: 'labels' }] }] }]);
  for (const [name, text] of [['d.jsonl', doccano], ['ls.json', labelstudio]]) {
    await addFiles(page, [[name, text]]);
    await page.locator('#status').filter({ hasText: `from ${name}` }).waitFor();
  }
  assert.deepEqual(problems, []);
});
