// End to end in Chromium: paste an article, Analyze, read the view, Export, check the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv/dist/2020.js';
import { launch, openPage } from './browser.mjs';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/clipmark-v1.schema.json', root), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const SEED = new URL('tests/fixtures/seeds/004_4a37522199f6be1e.txt', root);
const cpSlice = (text, s, e) => Array.from(text).slice(s, e).join('');

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function analyzeText(page, text) {
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#status').filter({ hasText: /blocks/ }).waitFor();
}

async function exportFile(page) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), json: JSON.parse(readFileSync(path, 'utf8')) };
}

test('paste the seed article, analyze, export: a valid clipmark/v1 file equal to the CLI output', async () => {
  const { page, problems } = await openPage(env);
  const text = readFileSync(SEED, 'utf8');
  await analyzeText(page, text);

  const region = page.getByRole('region', { name: 'Annotated article' });
  const blocks = region.locator('.block');
  assert.ok(await blocks.count() > 10);
  assert.ok(await region.locator('.block[data-label="body"]').count() >= 5, 'body blocks are shown');
  assert.ok(await region.locator('.block[data-label="boilerplate"]').count() >= 3, 'boilerplate blocks are shown');
  assert.ok(await region.locator('mark.ent[data-label="PER"]').count() >= 3, 'person entities are highlighted');
  // Boilerplate is visibly dimmed compared with body.
  const colour = async (label) => region.locator(`.block[data-label="${label}"]`).first().evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(await colour('body'), await colour('boilerplate'));
  assert.equal(await page.getByRole('list', { name: 'Legend' }).locator('li').count(), 9);

  const { name, json } = await exportFile(page);
  assert.match(name, /^[a-z0-9-]+\.clipmark\.json$/);
  assert.equal(name, 'blinken-lavrov-meet-amid-ukraine-tensions.clipmark.json');
  assert.ok(validate(json), JSON.stringify(validate.errors));
  assert.equal(json.text, text, 'the exact pasted text');
  for (const b of json.blocks) assert.ok(cpSlice(text, b.start, b.end).trim().length > 0);
  for (const e of json.entities) assert.equal(cpSlice(text, e.start, e.end), e.text);

  const cli = JSON.parse(execFileSync(new URL('target/release/clipmark', root).pathname, ['analyze', SEED.pathname], { encoding: 'utf8' }));
  assert.deepEqual(json.blocks, cli.blocks);
  assert.deepEqual(json.entities, cli.entities);
  assert.deepEqual(json.metadata, cli.metadata);
  assert.deepEqual(problems, []);
});

test('offsets survive emoji, CJK, Cyrillic, combining marks, NBSP and CRLF', async () => {
  const { page, problems } = await openPage(env);
  const text = 'Zoë 👩‍👩‍👧 and Sergey Lavrov met in Київ\r\n\r\n東京 😀 on\u00a0Dec. 1, 2021, cafe\u0301 owners told Antony Blinken at https://example.org/a?b=1 and mail@example.org.\r\n';
  await analyzeText(page, text);
  const marks = await page.locator('mark.ent').allTextContents();
  const { json } = await exportFile(page);
  assert.ok(validate(json), JSON.stringify(validate.errors));
  // The export holds exactly what the text area held: the pasted text, with CRLF kept or
  // normalised to LF depending on the browser's text area.
  const held = await page.getByRole('textbox', { name: 'Article text' }).inputValue();
  assert.ok(held === text || held === text.replaceAll('\r\n', '\n'), JSON.stringify(held));
  assert.equal(json.text, held);
  assert.ok(json.entities.length >= 4);
  for (const e of json.entities) assert.equal(cpSlice(json.text, e.start, e.end), e.text);
  assert.deepEqual(marks, json.entities.map((e) => e.text), 'what is highlighted is what is exported');
  for (const want of ['Dec. 1, 2021', 'https://example.org/a?b=1', 'mail@example.org']) {
    assert.ok(json.entities.some((e) => e.text === want), `${want} in ${JSON.stringify(json.entities)}`);
  }
  assert.deepEqual(problems, []);
});

test('pasted markup is shown as text and never runs', async () => {
  const { page, problems } = await openPage(env);
  const payloads = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '<svg onload="window.__pwned = 3"></svg>',
    '<a href="javascript:window.__pwned = 4">Click Here Now</a>',
    '"><iframe srcdoc="<script>parent.__pwned=5</script>">',
  ];
  const text = `Headline About Payloads\n\n${payloads.join('\n\n')}\n\nThe Secretary of State said on Monday that the talks with Sergey Lavrov would continue next week in Geneva.`;
  await analyzeText(page, text);
  const region = page.getByRole('region', { name: 'Annotated article' });
  assert.equal(await region.locator('script, img, svg, iframe, a').count(), 0);
  const shown = await region.evaluate((e) => e.textContent);
  for (const p of payloads) assert.ok(shown.includes(p), `shown as text: ${p}`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
});

test('empty input gives an empty, valid export; the text area keeps what the user typed', async () => {
  const { page, problems } = await openPage(env);
  await analyzeText(page, '   \n\u00a0\n');
  assert.match(await page.getByRole('region', { name: 'Annotated article' }).textContent(), /empty/);
  const { name, json } = await exportFile(page);
  assert.equal(name, 'document.clipmark.json');
  assert.ok(validate(json));
  assert.deepEqual(json.blocks, []);
  assert.equal(await page.getByRole('textbox', { name: 'Article text' }).inputValue(), '   \n\u00a0\n');
  assert.deepEqual(problems, []);
});

test('clicking a cluster highlights its mentions', async () => {
  const { page, problems } = await openPage(env);
  await analyzeText(page, readFileSync(SEED, 'utf8'));
  const list = page.getByRole('list', { name: 'Entities by cluster' });
  const blinken = list.getByRole('button', { name: /Antony Blinken/ });
  await blinken.click();
  assert.equal(await blinken.getAttribute('aria-pressed'), 'true');
  const lit = await page.locator('mark.ent.hl').allTextContents();
  assert.ok(lit.length >= 3, `highlighted ${lit}`);
  for (const t of lit) assert.match(t, /Blinken/);
  assert.deepEqual(problems, []);
});
