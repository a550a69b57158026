// The built npm package (pkg/), tested as a Node user meets it: import, analyze, export,
// import back, errors. Run after scripts/build/build.sh: node --test tests/wasm/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { analyze, analyzeToJson, exportDocument, importDocument, version } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
const seed = (name) => readFileSync(new URL(`tests/fixtures/seeds/${name}`, root), 'utf8');
const MIXED = 'Zoë 👩‍👩‍👧 met Sergey Lavrov in Київ\r\nand 東京 on\u00a0Dec. 1, 2021 — café\u0301 😀 with Antony Blinken.\r\n'
  + 'U.S. Secretary of State Antony Blinken met Russian Foreign Minister Sergey Lavrov in Stockholm on Thursday, officials said.\n';
const cpSlice = (text, s, e) => Array.from(text).slice(s, e).join('');

function checkDocument(doc, text, slice) {
  assert.equal(doc.format, 'clipmark/v1');
  assert.equal(doc.text, text);
  let prev = 0;
  for (const b of doc.blocks) {
    assert.ok(b.start >= prev && b.end > b.start, `block ${JSON.stringify(b)} sorted and non-empty`);
    assert.ok(['title', 'meta', 'body', 'boilerplate'].includes(b.label));
    assert.equal(slice(text, b.start, b.end).trim().length > 0, true);
    prev = b.end;
  }
  prev = 0;
  for (const e of doc.entities) {
    assert.ok(e.start >= prev, 'entities sorted and non-overlapping');
    assert.equal(slice(text, e.start, e.end), e.text);
    prev = e.end;
  }
}

test('version matches Cargo.toml', () => {
  const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
  assert.equal(version(), cargo.match(/^version = "(.+)"/m)[1]);
});

test('analyze returns UTF-16 offsets that slice JavaScript strings', () => {
  const doc = analyze(MIXED);
  assert.equal(doc.offsets, 'utf16');
  assert.ok(doc.entities.length >= 3, JSON.stringify(doc.entities));
  checkDocument(doc, MIXED, (t, s, e) => t.slice(s, e));
  assert.ok(doc.entities.some((e) => e.text === 'Antony Blinken'));
});

test('exportDocument converts to code points, equal to analyzeToJson', () => {
  const doc = analyze(MIXED);
  const exported = JSON.parse(exportDocument(doc));
  assert.equal(exported.offsets, 'codepoint');
  checkDocument(exported, MIXED, cpSlice);
  assert.deepEqual(exported, JSON.parse(analyzeToJson(MIXED)));
  // The emoji before them shifts every later entity between the two units.
  assert.notDeepEqual(exported.entities.map((e) => e.start), doc.entities.map((e) => e.start));
});

test('importDocument round-trips an export and rejects broken files with a clear message', () => {
  const json = analyzeToJson(MIXED);
  assert.deepEqual(importDocument(json), analyze(MIXED));
  assert.throws(() => importDocument('{"format":'), /invalid JSON/);
  const bad = JSON.parse(json);
  bad.entities[0].text = 'not the slice';
  assert.throws(() => importDocument(JSON.stringify(bad)), /entity 0: text "not the slice" does not match/);
  bad.entities[0].text = MIXED;
  bad.entities[0].end = 10 ** 6;
  assert.throws(() => importDocument(JSON.stringify(bad)), /entity 0: offsets .* outside the text/);
  assert.throws(() => exportDocument({ format: 'other' }), /not a clipmark\/v1 document/);
});

test('the package gives the same JSON as the command line on the seed article', () => {
  const file = new URL('tests/fixtures/seeds/004_4a37522199f6be1e.txt', root);
  const cli = execFileSync(new URL('target/release/clipmark', root).pathname, ['analyze', file.pathname], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(cli), JSON.parse(analyzeToJson(seed('004_4a37522199f6be1e.txt'))));
});

test('edge inputs: empty, blank, lone CR, a long line, junk', () => {
  assert.deepEqual(analyze('').blocks, []);
  assert.deepEqual(analyze(' \n\u00a0\r\n').blocks, []);
  checkDocument(analyze('a\rb\rc'), 'a\rb\rc', (t, s, e) => t.slice(s, e));
  const long = 'word '.repeat(200_000);
  assert.equal(analyze(long).blocks.length, 1);
  const junk = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 0xd7ff));
  checkDocument(analyze(junk), junk, (t, s, e) => t.slice(s, e));
});
