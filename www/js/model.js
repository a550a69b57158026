// The document model: every edit is a command made of small invertible operations (a patch,
// not a snapshot), so the history of a large document stays small and replays fast.
//
// Operations (all offsets UTF-16):
//   {k: 'blocks', changes: [[index, fromLabel, fromSource, toLabel, toSource], ...]}
//   {k: 'ents', at, del: [entity, ...], add: [entity, ...]}   splice of the sorted entity list
//   {k: 'status', from, to}                                   'new' | 'progress' | 'done'
//   {k: 'accept', blocks: [index, ...], ents: [index, ...]}    model → human

/** Block labels with their keys, in toolbar order. */
export const BLOCK_LABELS = [['title', 't'], ['meta', 'm'], ['body', 'b'], ['boilerplate', 'x']];

/** Entity labels with their legend names, in shortcut order (digit = index + 1). */
export const ENTITY_LABELS = [
  ['PER', 'person'], ['ORG', 'organisation'], ['LOC', 'location'], ['MISC', 'other name'],
  ['DATE', 'date'], ['MONEY', 'money'], ['PERCENT', 'percent'], ['URL', 'URL'], ['EMAIL', 'e-mail'],
];

/** Document statuses and how the list names them. */
export const STATUS_NAMES = { new: 'new', progress: 'in progress', done: 'done' };

/**
 * Index of the first entity whose end is after `offset` (binary search).
 * @param {object[]} entities sorted, non-overlapping
 * @param {number} offset
 * @returns {number}
 */
export function firstEndingAfter(entities, offset) {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entities[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the entity that starts exactly at `start`, or -1.
 * @param {object[]} entities
 * @param {number} start
 * @returns {number}
 */
export function entityIndexAt(entities, start) {
  const i = firstEndingAfter(entities, start);
  return i < entities.length && entities[i].start === start ? i : -1;
}

/**
 * Index of the block containing `offset` (or the last block starting before it), or -1.
 * @param {object[]} blocks sorted
 * @param {number} offset
 * @returns {number}
 */
export function blockIndexAt(blocks, offset) {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/**
 * The indices of the blocks that [start, end) touches.
 * @param {object[]} blocks
 * @param {number} start
 * @param {number} end
 * @returns {number[]}
 */
export function blocksTouching(blocks, start, end) {
  const out = [];
  for (let i = Math.max(0, blockIndexAt(blocks, start)); i < blocks.length && blocks[i].start < end; i++) {
    if (blocks[i].end > start) out.push(i);
  }
  return out;
}

/**
 * An operation that sets each listed block to `label`, marked human; null when nothing changes.
 * @param {object} doc
 * @param {number[]} indices
 * @param {string} label
 * @returns {object|null}
 */
export function blockOp(doc, indices, label) {
  const changes = [];
  for (const i of indices) {
    const b = doc.blocks[i];
    // A boilerplate role ("related", "navigation", ...) says what kind of boilerplate the
    // block is: it goes when the block stops being boilerplate (and comes back on undo).
    const role = label === 'boilerplate' ? (b?.role ?? null) : null;
    if (b && (b.label !== label || b.source !== 'human')) changes.push([i, b.label, b.source, label, 'human', b.role ?? null, role]);
  }
  return changes.length ? { k: 'blocks', changes } : null;
}

/**
 * An operation that labels [start, end) as `label` (source human), replacing every entity it
 * overlaps.
 * @param {object} doc
 * @param {number} start
 * @param {number} end
 * @param {string} label
 * @returns {object|null} null when the exact same human entity is already there
 */
export function labelOp(doc, start, end, label) {
  const { entities, text } = doc;
  const at = firstEndingAfter(entities, start);
  let n = 0;
  while (at + n < entities.length && entities[at + n].start < end) n++;
  const del = entities.slice(at, at + n);
  if (del.length === 1 && del[0].start === start && del[0].end === end && del[0].label === label && del[0].source === 'human') return null;
  return { k: 'ents', at, del, add: [{ start, end, label, text: text.slice(start, end), source: 'human' }] };
}

/**
 * An operation that removes the entity at index `i`.
 * @param {object} doc
 * @param {number} i
 * @returns {object}
 */
export function removeOp(doc, i) {
  return { k: 'ents', at: i, del: [doc.entities[i]], add: [] };
}

/**
 * An operation that marks every model block and entity as human ("accept all").
 * @param {object} doc
 * @returns {object|null}
 */
export function acceptOp(doc) {
  const blocks = [];
  const ents = [];
  doc.blocks.forEach((b, i) => { if (b.source !== 'human') blocks.push(i); });
  doc.entities.forEach((e, i) => { if (e.source !== 'human') ents.push(i); });
  return blocks.length || ents.length ? { k: 'accept', blocks, ents } : null;
}

/**
 * The inverse of an operation.
 * @param {object} op
 * @returns {object}
 */
export function invert(op) {
  switch (op.k) {
    case 'blocks': return { k: 'blocks', changes: op.changes.map(([i, fl, fs, tl, ts, fr, tr]) => [i, tl, ts, fl, fs, tr, fr]) };
    case 'ents': return { k: 'ents', at: op.at, del: op.add, add: op.del };
    case 'status': return { k: 'status', from: op.to, to: op.from };
    case 'accept': return { k: 'unaccept', blocks: op.blocks, ents: op.ents };
    case 'unaccept': return { k: 'accept', blocks: op.blocks, ents: op.ents };
    default: throw new Error(`unknown operation ${op.k}`);
  }
}

/**
 * Applies one operation to a document in place and says what to redraw.
 * @param {object} doc
 * @param {{status: string}} meta the document's workspace record (for status)
 * @param {object} op
 * @returns {{blocks: Set<number>, all: boolean}}
 */
export function applyOp(doc, meta, op) {
  const dirty = { blocks: new Set(), all: false };
  switch (op.k) {
    case 'blocks':
      for (const [i, , , label, source, , role] of op.changes) {
        Object.assign(doc.blocks[i], { label, source });
        // Logs written before roles existed have no role entry: leave the role as it is.
        if (role !== undefined) {
          if (role) doc.blocks[i].role = role;
          else delete doc.blocks[i].role;
        }
        dirty.blocks.add(i);
      }
      break;
    case 'ents': {
      const removed = doc.entities.splice(op.at, op.del.length, ...op.add.map((e) => ({ ...e })));
      for (const e of [...removed, ...op.add]) for (const i of blocksTouching(doc.blocks, e.start, e.end)) dirty.blocks.add(i);
      break;
    }
    case 'status':
      meta.status = op.to;
      break;
    case 'accept':
    case 'unaccept': {
      const source = op.k === 'accept' ? 'human' : 'model';
      for (const i of op.blocks) doc.blocks[i].source = source;
      for (const i of op.ents) doc.entities[i].source = source;
      dirty.all = true;
      break;
    }
    default: throw new Error(`unknown operation ${op.k}`);
  }
  return dirty;
}

/**
 * Applies a command's operations in order (or their inverses in reverse order when undoing).
 * @param {object} doc
 * @param {object} meta
 * @param {{ops: object[]}} cmd
 * @param {boolean} [undo]
 * @returns {{blocks: Set<number>, all: boolean}} what to redraw
 */
export function applyCommand(doc, meta, cmd, undo = false) {
  const ops = undo ? [...cmd.ops].reverse().map(invert) : cmd.ops;
  const dirty = { blocks: new Set(), all: false };
  for (const op of ops) {
    const d = applyOp(doc, meta, op);
    for (const i of d.blocks) dirty.blocks.add(i);
    dirty.all ||= d.all;
  }
  return dirty;
}

/**
 * Builds a command from operations, adding the status change an edit implies:
 * a new document becomes "in progress"; accepting marks it "done".
 * @param {string} name what the user did, for the undo button's label
 * @param {(object|null)[]} ops
 * @param {string} status the current status
 * @param {string} [to] the status after the edit (default: 'progress' unless already done)
 * @returns {{name: string, ops: object[]}|null} null when nothing changes
 */
export function command(name, ops, status, to) {
  const real = ops.filter(Boolean);
  const target = to ?? (status === 'new' ? 'progress' : status);
  if (!real.length && target === status) return null;
  if (target !== status) real.push({ k: 'status', from: status, to: target });
  return { name, ops: real };
}

/**
 * Copies a document's editable parts, so the base kept for replay never changes.
 * @param {object} doc
 * @returns {object}
 */
export function cloneDoc(doc) {
  return {
    ...doc,
    blocks: doc.blocks.map((b) => ({ ...b })),
    entities: doc.entities.map((e) => ({ ...e })),
    clusters: (doc.clusters ?? []).map((c) => ({ ...c })),
  };
}

/**
 * The counts shown in the document list.
 * @param {object} doc
 * @returns {{blocks: number, entities: number, human: number}}
 */
export function counts(doc) {
  let human = 0;
  for (const e of doc.entities) if (e.source === 'human') human++;
  return { blocks: doc.blocks.length, entities: doc.entities.length, human };
}

/**
 * A title for a document: its metadata title, else its first non-empty line.
 * @param {object} doc
 * @param {string} [fallback]
 * @returns {string}
 */
export function titleOf(doc, fallback = 'Untitled') {
  const t = doc.metadata?.title || doc.text.split('\n').map((l) => l.trim()).find(Boolean) || fallback;
  return t.length > 90 ? `${t.slice(0, 89)}…` : t;
}
