// The page's converters are the command line's: convertDocument (wasm, in Node) must print
// the same bytes as `clipmark convert --to` for every format, from code-point and from UTF-16
// documents, and importAs must return UTF-16 documents whose offsets slice JavaScript strings.
// Run with scripts/test-wasm-convert.sh.
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const assert = require('assert');

const root = path.resolve(__dirname, '..', '..');
const m = require(path.join(root, 'target/wasm-node/clipmark.js'));
const bin = path.join(root, 'target/debug/clipmark');
const fx = path.join(root, 'tests/fixtures/convert/article.clipmark.json');
const json = fs.readFileSync(fx, 'utf8');

for (const f of ['doccano', 'labelstudio', 'spacy', 'conll', 'brat', 'clipmark-jsonl']) {
  const cli = execFileSync(bin, ['convert', '--to', f, fx]).toString('utf8');
  assert.strictEqual(m.convertDocument(json, f), cli, `${f}: page and CLI differ`);
  const utf16 = JSON.stringify(m.importDocument(json));
  assert.strictEqual(m.convertDocument(utf16, f), cli, `${f}: a utf16 document converts differently`);
}

for (const from of ['labelstudio', 'doccano', 'clipmark-jsonl']) {
  const text = m.convertDocument(json, from);
  const docs = m.importAs(text, from);
  assert.strictEqual(docs.length, 1);
  assert.strictEqual(docs[0].offsets, 'utf16');
  for (const e of docs[0].entities) {
    assert.strictEqual(docs[0].text.slice(e.start, e.end), e.text, `${from}: ${e.text}`);
  }
}

assert.throws(() => m.importAs('{"text": "a"}\n{"text": \n', 'doccano'), /^Error: line 2, column 9: invalid JSON/);
assert.throws(() => m.convertDocument(json, 'xml'), /unknown format "xml"/);
console.log('wasm convert: page exports equal the CLI\'s');
