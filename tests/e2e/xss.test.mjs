// Safe by construction: pasted and imported markup (script tags, event handlers, javascript:
// URLs, SVG, markup in titles, labels, ids, cluster names and file names) is only ever shown
// as text, and nothing runs. Any CSP violation would also fail the test as a console error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { analyzeText, exportJson, openWorkspace, reload, selectString } from './workflow.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><script>window.__pwned = 33</script></svg>',
  '<a href="javascript:window.__pwned = 4">Click Here Now</a>',
  '"><iframe srcdoc="<script>parent.__pwned=5</script>">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=6">',
  '<div style="background:url(javascript:window.__pwned=7)">x</div>',
];
const TEXT = `<b onmouseover="window.__pwned=8">Headline</b> About Payloads\n\n${PAYLOADS.join('\n\n')}\n\nThe Secretary of State said on Monday that the talks with Sergey Lavrov would continue next week in Geneva.`;

/** Nothing but our own elements inside the page; nothing ran. */
async function assertInert(page) {
  assert.equal(await page.locator('body script, body img, body svg, body iframe, body a, body math, body style, body b').count(), 0);
  assert.equal(await page.locator('[onerror], [onload], [onmouseover]').count(), 0);
  // Hover over everything that was rendered, in case a handler slipped in.
  await page.locator('#annotated').hover();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
}

test('pasted payloads are shown as text, labelled, undone and reloaded without running', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, TEXT);
  const shown = await page.getByRole('region', { name: 'Annotated article' }).evaluate((e) => e.textContent);
  for (const p of PAYLOADS) assert.ok(shown.includes(p), `shown as text: ${p}`);
  // The title (with markup) appears in the document list as text.
  assert.match(await page.getByRole('list', { name: 'Documents' }).textContent(), /<b onmouseover=/);
  // Label the markup itself, then offer "all occurrences" of it.
  await selectString(page, TEXT, '<img src=x onerror="window.__pwned = 2">', 0);
  await page.keyboard.press('Alt+4');
  await selectString(page, TEXT, 'window', 0);
  await page.keyboard.press('4');
  await page.locator('#occurrences').waitFor();
  assert.match(await page.locator('#occurrences').textContent(), /window/);
  await page.getByRole('button', { name: /^Label all/ }).click();
  await page.keyboard.press('Control+z');
  await reload(page);
  await page.locator('#annotated .block').first().waitFor();
  await assertInert(page);
  assert.deepEqual(problems, []);
});

test('imported payloads in text, metadata, clusters, labels, ids and file names stay text', async () => {
  const { page, problems } = await openWorkspace(env);
  await analyzeText(page, TEXT);
  const doc = await exportJson(page);
  const evil = '<img src=x onerror="window.__pwned=9"><svg/onload=window.__pwned=10>';
  doc.metadata = { ...doc.metadata, title: evil, authors: [evil], url: 'javascript:window.__pwned=11' };
  if (doc.clusters.length) doc.clusters[0].canonical = evil;
  const files = [
    [`${evil}.json`, JSON.stringify(doc)],
    // A label carrying markup, an id carrying markup: rejected, the message is text.
    ['label.json', JSON.stringify({ ...doc, entities: [{ start: 0, end: 3, label: '<img src=x onerror="window.__pwned=12">', text: Array.from(doc.text).slice(0, 3).join(''), source: 'human' }] })],
    ['id.json', JSON.stringify({ ...doc, clusters: [{ id: '<script>window.__pwned=13</script>', label: 'PER', canonical: 'x', mentions: 1 }] })],
    ['lines.jsonl', `${JSON.stringify(doc)}\n{"format": "<script>window.__pwned=14</script>"}\n`],
  ];
  for (const [name, text] of files) {
    await page.locator('#files').setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from(text) }]);
    await page.locator('#status, #error').filter({ hasText: name.slice(0, 12) }).first().waitFor();
  }
  assert.equal(await page.getByRole('list', { name: 'Documents' }).locator('li').count(), 2, 'only the valid file was added');
  assert.match(await page.locator('#error').textContent(), /lines\.jsonl: line 2/);
  await page.getByRole('list', { name: 'Documents' }).locator('li').nth(1).locator('.doc-open').click();
  assert.match(await page.locator('#metadata').textContent(), /<img src=x onerror=/);
  assert.match(await page.locator('#metadata').textContent(), /javascript:window/);
  if (doc.clusters.length) assert.match(await page.getByRole('list', { name: 'Entities by cluster' }).textContent(), /<img src=x/);
  await assertInert(page);
  assert.deepEqual(problems, []);
});
