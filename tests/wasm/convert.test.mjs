// The page's converters are the command line's: convertDocument (the built package, in Node)
// must print the same bytes as `clipmark convert --to` for every format, from code-point and
// from UTF-16 documents; importAs returns UTF-16 documents whose offsets slice JS strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { convertDocument, importAs, importDocument } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
const bin = new URL('target/release/clipmark', root).pathname;
const fx = new URL('tests/fixtures/convert/article.clipmark.json', root).pathname;
const json = readFileSync(fx, 'utf8');

for (const f of ['doccano', 'labelstudio', 'spacy', 'conll', 'brat', 'clipmark-jsonl']) {
  test(`convertDocument --to ${f} equals the CLI, from either offset unit`, () => {
    const cli = execFileSync(bin, ['convert', '--to', f, fx]).toString('utf8');
    assert.equal(convertDocument(json, f), cli);
    assert.equal(convertDocument(JSON.stringify(importDocument(json)), f), cli);
  });
}

for (const from of ['labelstudio', 'doccano', 'clipmark-jsonl']) {
  test(`importAs ${from} gives UTF-16 documents that slice JavaScript strings`, () => {
    const docs = importAs(convertDocument(json, from), from);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].offsets, 'utf16');
    assert.ok(docs[0].entities.length > 0);
    for (const e of docs[0].entities) assert.equal(docs[0].text.slice(e.start, e.end), e.text);
  });
}

test('converter errors are one-line messages naming the place', () => {
  assert.throws(() => importAs('{"text": "a"}\n{"text": \n', 'doccano'), /^Error: line 2, column 9: invalid JSON/);
  assert.throws(() => convertDocument(json, 'xml'), /unknown format "xml"/);
});
