// The page's converters are the command line's: convertDocument (the built package, in Node)
// must print the same bytes as `clipmark convert --to` for every format, from code-point and
// from UTF-16 documents; importAs returns UTF-16 documents whose offsets slice JS strings, and
// importFile reads the same files without being told their format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { convertDocument, importAs, importDocument, importFile } from '../../pkg/index.js';

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

for (const from of ['clipmark-jsonl', 'doccano', 'labelstudio']) {
  test(`importFile tells ${from} from the content and reads it as importAs does`, () => {
    const text = convertDocument(json, from);
    const docs = importFile(text);
    assert.deepEqual(docs, importAs(text, from));
    assert.equal(docs[0].offsets, 'utf16');
    for (const e of docs[0].entities) assert.equal(docs[0].text.slice(e.start, e.end), e.text);
  });
}

test('importFile reads one clipmark/v1 document, an array of them, and one Label Studio task', () => {
  assert.deepEqual(importFile(json), [importDocument(json)]);
  const two = importFile(JSON.stringify([JSON.parse(json), JSON.parse(json)]));
  assert.deepEqual(two, [importDocument(json), importDocument(json)]);
  const [task] = JSON.parse(convertDocument(json, 'labelstudio'));
  assert.deepEqual(importFile(JSON.stringify(task, null, 2)), importAs(convertDocument(json, 'labelstudio'), 'labelstudio'));
});

test('importFile reads doccano offsets in the unit it is given', () => {
  const text = 'Met 😀 Anna Berg in Paris.';
  const line = (s, e) => `${JSON.stringify({ text, label: [[s, e, 'LOC']] })}\n`;
  const cp = importFile(line(19, 24));
  assert.equal(cp[0].entities[0].text, 'Paris');
  assert.deepEqual(importFile(line(20, 25), 'utf16'), cp);
  assert.deepEqual(importFile(line(19, 24), 'codepoint'), cp);
});

test('importFile errors are one-line messages naming the line or record and the problem', () => {
  assert.throws(() => importFile('\n \n'), /^Error: the file is empty$/);
  assert.throws(() => importFile('Anna met Bob.'), /^Error: invalid JSON: expected value at line 1 column 1$/);
  assert.throws(() => importFile('{"hello": 1}'), /^Error: not a clipmark\/v1 document, doccano record or Label Studio task \(expected a JSON object with a "format", "text" or "data" field\)$/);
  assert.throws(() => importFile('[{"text": "a"}, 7]'), /^Error: record 2: expected a JSON object, found a number$/);
  assert.throws(() => importFile('[]'), /^Error: no documents: the file holds an empty list$/);
  assert.throws(() => importFile('{"text": "a"}\n{"text": \n'), /^Error: line 2, column 9: invalid JSON/);
  assert.throws(() => importFile('{"text": "Anna", "label": [[0, 4, "PERSON"]]}\n'), /^Error: line 1: label 1: unknown label "PERSON"/);
  assert.throws(() => importFile(`[${json}, {"format": "clipmark/v1"}]`), /^Error: record 2: not a clipmark\/v1 document/);
  assert.throws(() => importFile(json, 'bytes'), /offsets is "codepoint" or "utf16", not "bytes"/);
});
