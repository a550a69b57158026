// The page's pure modules in Node (no browser): word snapping on non-BMP text and the edit
// commands (every command undone returns the document exactly; entities stay sorted and apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findWholeWord, snapRange, splitsPair, wordAtOrAfter } from '../../www/js/text.js';
import {
  acceptOp, applyCommand, blockOp, cloneDoc, command, labelOp, removeOp,
} from '../../www/js/model.js';

test('snapping extends to whole words, trims spaces and never splits a character', () => {
  const t = 'Zoë 👩‍👩‍👧 met cafe\u0301 owners in 東京 today';
  const at = (s) => t.indexOf(s);
  assert.deepEqual(snapRange(t, at('et'), at('et') + 1), { start: at('met'), end: at('met') + 3 });
  const cafe = at('cafe');
  assert.deepEqual(snapRange(t, cafe + 1, cafe + 3), { start: cafe, end: cafe + 5 }, 'the combining mark comes along');
  assert.deepEqual(snapRange(t, cafe, cafe + 4, { exact: true }), { start: cafe, end: cafe + 5 }, 'exact still keeps the mark');
  const emoji = at('👩');
  const r = snapRange(t, emoji + 1, emoji + 3, { exact: true });
  assert.ok(!splitsPair(t, r.start) && !splitsPair(t, r.end));
  assert.equal(snapRange(t, 3, 4), null, 'only a space');
  assert.deepEqual(wordAtOrAfter(t, at('東京')), { start: at('東京'), end: at('東京') + 2 });
});

test('whole-word occurrences skip longer words and split characters', () => {
  const t = 'gizmo gizmos Gizmo gizmo, xgizmo gizmo\u0301 gizmo';
  assert.deepEqual(findWholeWord(t, 'gizmo'), [0, 19, t.lastIndexOf('gizmo')]);
  assert.deepEqual(findWholeWord('a 😀 b 😀', '😀'), [2, 7]);
});

/** A small document: three blocks, entities in two of them. */
function sample() {
  const text = 'Alpha Beta Gamma\n\nDelta Epsilon Zeta Eta\n\nTheta Iota Kappa';
  const span = (s, label, source = 'model') => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, text: s, source });
  return {
    format: 'clipmark/v1', text, offsets: 'utf16',
    blocks: [{ start: 0, end: 16, label: 'title', source: 'model' }, { start: 18, end: 40, label: 'body', source: 'model' }, { start: 42, end: 58, label: 'boilerplate', source: 'model', role: 'related' }],
    entities: [span('Beta', 'PER'), span('Epsilon', 'ORG'), span('Zeta', 'LOC'), span('Iota', 'MISC')],
    clusters: [], metadata: {},
  };
}

test('random edits, then undoing all of them, give back the original document', () => {
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 50; round++) {
    const doc = sample();
    const original = structuredClone(doc);
    const meta = { status: 'new' };
    const done = [];
    for (let i = 0; i < 20; i++) {
      let op;
      const kind = rand(4);
      if (kind === 0) op = blockOp(doc, [rand(3)], ['title', 'meta', 'body', 'boilerplate'][rand(4)]);
      else if (kind === 1 && doc.entities.length) op = removeOp(doc, rand(doc.entities.length));
      else if (kind === 2) op = acceptOp(doc);
      else {
        const s = rand(doc.text.length - 1);
        const e = s + 1 + rand(Math.min(12, doc.text.length - s - 1) + 1);
        op = labelOp(doc, s, Math.min(e, doc.text.length), 'DATE');
      }
      const cmd = command(`edit ${i}`, [op], meta.status, kind === 2 ? 'done' : undefined);
      if (!cmd) continue;
      applyCommand(doc, meta, cmd);
      done.push(cmd);
      for (let k = 1; k < doc.entities.length; k++) assert.ok(doc.entities[k].start >= doc.entities[k - 1].end, 'sorted, apart');
      for (const en of doc.entities) assert.equal(doc.text.slice(en.start, en.end), en.text);
    }
    for (const cmd of done.reverse()) applyCommand(doc, meta, cmd, true);
    assert.deepEqual(doc, original);
    assert.equal(meta.status, 'new');
  }
});

test('a boilerplate role goes when the block stops being boilerplate and comes back on undo', () => {
  const doc = sample();
  const meta = { status: 'new' };
  const toBody = command('x', [blockOp(doc, [2], 'body')], meta.status);
  applyCommand(doc, meta, toBody);
  assert.equal(doc.blocks[2].label, 'body');
  assert.equal(doc.blocks[2].role, undefined);
  applyCommand(doc, meta, toBody, true);
  assert.deepEqual(doc.blocks[2], { start: 42, end: 58, label: 'boilerplate', source: 'model', role: 'related' });
  // Confirming it as boilerplate keeps the role; an old log entry without roles leaves it.
  applyCommand(doc, meta, command('y', [blockOp(doc, [2], 'boilerplate')], meta.status));
  assert.equal(doc.blocks[2].role, 'related');
  applyCommand(doc, meta, command('z', [{ k: 'blocks', changes: [[2, 'boilerplate', 'human', 'body', 'human']] }], meta.status));
  assert.equal(doc.blocks[2].role, 'related');
});

test('a label over entities replaces them; the base copy is never touched', () => {
  const doc = sample();
  const base = cloneDoc(doc);
  const meta = { status: 'new' };
  applyCommand(doc, meta, command('x', [labelOp(doc, doc.text.indexOf('Epsilon'), doc.text.indexOf('Eta') + 3, 'MISC')], meta.status));
  assert.deepEqual(doc.entities.map((e) => e.text), ['Beta', 'Epsilon Zeta Eta', 'Iota']);
  assert.equal(meta.status, 'progress');
  assert.equal(base.entities.length, 4);
});
