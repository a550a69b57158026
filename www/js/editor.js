// The correction controller for the open document: block labels, entity labels, undo and
// redo, by pointer and by keyboard. Each edit becomes one command in the workspace and
// redraws only the blocks it touched.
import {
  BLOCK_LABELS, ENTITY_LABELS, acceptOp, blockIndexAt, blockOp, command, entityIndexAt,
  firstEndingAfter, labelOp, removeOp,
} from './model.js';
import { blockElement, markActive, renderBlocks, renderDocument } from './view.js';
import { clearSelection, selectOffsets, selectedRange } from './selection.js';
import { charAt, charBefore, findWholeWord, snapRange, wordAtOrAfter, wordBefore } from './text.js';

const BLOCK_KEYS = Object.fromEntries(BLOCK_LABELS.map(([label, key]) => [key, label]));

/** Edits the open document. */
export class Editor {
  /**
   * @param {{region: HTMLElement, workspace: import('./workspace.js').Workspace,
   *   onEdit: (info: {name: string, kind: string}) => void, announce: (message: string) => void,
   *   offer: (offer: object|null) => void}} parts
   */
  constructor({ region, workspace, onEdit, announce, offer }) {
    this.region = region;
    this.ws = workspace;
    this.onEdit = onEdit;
    this.announce = announce;
    this.offer = offer;
    this.active = -1;
    this.pointerAlt = false;
    /** @type {HTMLElement|null} the entity mark focused last (the palette acts on it) */
    this.lastMark = null;
    /** The last label applied, with its place, for "label all occurrences". */
    this.lastOffer = null;
  }

  /** @returns {object|null} the open document */
  get doc() { return this.ws.open?.doc ?? null; }

  /**
   * Shows the open document and restores its selected block.
   */
  show() {
    const open = this.ws.open;
    if (!open) return;
    this.active = Math.min(open.meta.block ?? -1, open.doc.blocks.length - 1);
    renderDocument(this.region, open.doc, this.active);
    this.lastMark = null;
    this.dismissOffer();
    if (this.active >= 0) blockElement(this.region, this.active)?.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Selects a block (and focuses it unless told not to).
   * @param {number} i
   * @param {boolean} [focus]
   */
  selectBlock(i, focus = true) {
    const doc = this.doc;
    if (!doc || !doc.blocks.length) return;
    const to = Math.max(0, Math.min(doc.blocks.length - 1, i));
    if (to !== this.active) {
      markActive(this.region, this.active, to);
      this.active = to;
      this.ws.select(to);
    }
    const el = blockElement(this.region, to);
    if (focus && el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Applies a command, redraws what it touched and keeps the keyboard focus in the article.
   * @param {{name: string, ops: object[]}|null} cmd
   * @param {string} kind 'block' | 'entity' | 'accept'
   * @returns {boolean} whether anything changed
   */
  run(cmd, kind) {
    if (!cmd) return false;
    const dirty = this.ws.edit(cmd);
    this.redraw(dirty);
    this.onEdit({ name: cmd.name, kind });
    this.announce(cmd.name);
    return true;
  }

  /**
   * Redraws after an edit, undo or redo.
   * @param {{blocks: Set<number>, all: boolean}} dirty
   */
  redraw(dirty) {
    const hadFocus = this.region.contains(document.activeElement);
    if (dirty.all) renderDocument(this.region, this.doc, this.active);
    else renderBlocks(this.region, this.doc, dirty.blocks, this.active);
    if (hadFocus && !this.region.contains(document.activeElement)) blockElement(this.region, this.active)?.focus({ preventScroll: true });
  }

  /**
   * Sets the selected block's label.
   * @param {string} label
   */
  setBlockLabel(label) {
    const doc = this.doc;
    if (!doc || this.active < 0) return this.announce('Select a block first (click it, or use the arrow keys).');
    const meta = this.ws.open.meta;
    this.run(command(`block ${this.active + 1} → ${label}`, [blockOp(doc, [this.active], label)], meta.status), 'block');
    return undefined;
  }

  /** Labels the selected block and every block after it boilerplate. */
  boilerplateBelow() {
    const doc = this.doc;
    if (!doc || this.active < 0) return this.announce('Select a block first (click it, or use the arrow keys).');
    const indices = [];
    for (let i = this.active; i < doc.blocks.length; i++) indices.push(i);
    const meta = this.ws.open.meta;
    if (this.run(command(`blocks ${this.active + 1}–${doc.blocks.length} → boilerplate`, [blockOp(doc, indices, 'boilerplate')], meta.status), 'block')) {
      this.announce(`${indices.length} blocks from here down are boilerplate.`);
    }
    return undefined;
  }

  /**
   * The entity a mark element stands for, with its index.
   * @param {HTMLElement} mark
   * @returns {{entity: object, index: number}|null}
   */
  entityOf(mark) {
    const i = entityIndexAt(this.doc.entities, Number(mark.dataset.start));
    return i < 0 ? null : { entity: this.doc.entities[i], index: i };
  }

  /**
   * Focuses the mark of the entity starting at `start`, if shown.
   * @param {number} start
   */
  focusEntity(start) {
    const b = blockIndexAt(this.doc.blocks, start);
    if (b !== this.active) this.selectBlock(b, false);
    blockElement(this.region, b)?.querySelector(`mark[data-start="${start}"]`)?.focus({ preventScroll: true });
  }

  /**
   * Labels the current selection (snapped to words unless exact), or relabels the focused
   * entity, with the entity label of a digit.
   * @param {string} label
   * @param {boolean} exact Alt held: keep the selection as it is
   */
  label(label, exact) {
    const doc = this.doc;
    if (!doc) return;
    const sel = selectedRange(this.region);
    const focused = document.activeElement?.closest?.('mark.ent') ?? (this.lastMark?.isConnected ? this.lastMark : null);
    let range;
    if (sel) {
      if (sel.startBlock !== sel.endBlock) {
        this.announce('An entity cannot cross blocks: select text inside one block.');
        return;
      }
      const b = doc.blocks[sel.startBlock];
      range = snapRange(doc.text, sel.start, sel.end, { exact: exact || this.pointerAlt, min: b.start, max: b.end });
      if (!range) {
        this.announce('Nothing to label: the selection holds only spaces.');
        return;
      }
    } else if (focused && this.region.contains(focused)) {
      const found = this.entityOf(focused);
      if (!found) return;
      range = { start: found.entity.start, end: found.entity.end };
    } else {
      this.announce('Select some text or an entity first.');
      return;
    }
    const meta = this.ws.open.meta;
    const text = doc.text.slice(range.start, range.end);
    const changed = this.run(command(`“${text}” → ${label}`, [labelOp(doc, range.start, range.end, label)], meta.status), 'entity');
    clearSelection();
    this.focusEntity(range.start);
    if (changed) this.offerOthers(text, label, range.start);
  }

  /**
   * Offers the other unlabelled whole-word occurrences of a just-labelled string.
   * @param {string} text
   * @param {string} label
   * @param {number} except the labelled occurrence's start
   */
  offerOthers(text, label, except) {
    const items = this.unlabelled(text, except).map((start) => ({
      start,
      end: start + text.length,
      before: this.doc.text.slice(Math.max(0, start - 30), start).replace(/\s+/g, ' '),
      after: this.doc.text.slice(start + text.length, start + text.length + 30).replace(/\s+/g, ' '),
    }));
    this.lastOffer = items.length ? { text, label, items } : null;
    this.offer(this.lastOffer);
  }

  /**
   * Starts of the whole-word occurrences of `text` that no entity overlaps and that lie in
   * one block, except the one at `except`.
   * @param {string} text
   * @param {number} except
   * @returns {number[]}
   */
  unlabelled(text, except = -1) {
    const { entities, blocks } = this.doc;
    return findWholeWord(this.doc.text, text).filter((s) => {
      if (s === except) return false;
      const e = s + text.length;
      const k = firstEndingAfter(entities, s);
      if (k < entities.length && entities[k].start < e) return false;
      const b = blocks[blockIndexAt(blocks, s)];
      return b && b.start <= s && e <= b.end;
    });
  }

  /**
   * Accepts offered occurrences: all of them, or the one starting at `start`.
   * @param {number|null} start
   */
  acceptOffer(start = null) {
    const offer = this.lastOffer;
    if (!offer || !this.doc) return;
    const still = new Set(this.unlabelled(offer.text));
    const chosen = offer.items.filter((it) => (start === null || it.start === start) && still.has(it.start));
    // Later spans first: each splice then leaves the indices of the earlier ones valid.
    const ops = [...chosen].sort((a, b) => b.start - a.start).map((it) => labelOp(this.doc, it.start, it.end, offer.label));
    const meta = this.ws.open.meta;
    this.run(command(`${chosen.length} × “${offer.text}” → ${offer.label}`, ops, meta.status), 'entity');
    offer.items = offer.items.filter((it) => !chosen.includes(it));
    this.lastOffer = offer.items.length ? offer : null;
    this.offer(this.lastOffer);
    this.announce(`Labelled ${chosen.length} more “${offer.text}” as ${offer.label}.`);
  }

  /** Dismisses the occurrences offer. */
  dismissOffer() {
    this.lastOffer = null;
    this.offer(null);
  }

  /**
   * Removes the entity of a focused mark.
   * @param {HTMLElement} mark
   */
  remove(mark) {
    const found = this.entityOf(mark);
    if (!found) return;
    const meta = this.ws.open.meta;
    this.run(command(`remove “${found.entity.text}”`, [removeOp(this.doc, found.index)], meta.status), 'entity');
    this.announce(`Removed ${found.entity.label} “${found.entity.text}”.`);
  }

  /**
   * Extends or shrinks the entity of a focused mark by a word (a character when exact).
   * @param {HTMLElement} mark
   * @param {'start'|'end'} edge which end moves
   * @param {-1|1} dir left or right
   * @param {boolean} exact
   */
  resize(mark, edge, dir, exact) {
    const found = this.entityOf(mark);
    if (!found) return;
    const { text } = this.doc;
    const e = found.entity;
    const b = this.doc.blocks[blockIndexAt(this.doc.blocks, e.start)];
    let { start, end } = e;
    if (exact) {
      // One character (a whole code point) at a time.
      const step = (i) => (dir > 0 ? charAt(text, i).length : -charBefore(text, i).length);
      if (edge === 'end') end += step(end);
      else start += step(start);
    } else if (edge === 'end' && dir > 0) end = wordAtOrAfter(text, end, b.start, b.end)?.end ?? end;
    else if (edge === 'end') {
      const last = wordBefore(text, end, start);
      end = (last && wordBefore(text, last.start, start)?.end) ?? end;
    } else if (dir < 0) start = wordBefore(text, start, b.start)?.start ?? start;
    else {
      const first = wordAtOrAfter(text, start, start, end);
      const next = first && wordAtOrAfter(text, first.end, start, end);
      start = next?.start ?? start;
    }
    start = Math.max(start, b.start);
    end = Math.min(end, b.end);
    if (end <= start || (start === e.start && end === e.end)) return;
    const meta = this.ws.open.meta;
    this.run(command(`resize “${e.text}” → “${text.slice(start, end)}”`, [labelOp(this.doc, start, end, e.label)], meta.status), 'entity');
    this.focusEntity(start);
  }

  /**
   * Moves the keyboard word cursor (a selection of one word) or, with extend, grows or shrinks
   * the selection by a word, inside the selected block.
   * @param {-1|1} dir
   * @param {boolean} extend
   */
  moveWord(dir, extend) {
    const doc = this.doc;
    if (!doc || this.active < 0) return;
    this.pointerAlt = false;
    const b = doc.blocks[this.active];
    const el = blockElement(this.region, this.active);
    const sel = selectedRange(this.region);
    const inBlock = sel && sel.startBlock === this.active && sel.endBlock === this.active;
    const mark = document.activeElement?.closest?.('mark.ent');
    const from = inBlock ? sel : mark ? { start: Number(mark.dataset.start), end: Number(mark.dataset.end) } : null;
    let next;
    if (extend && from) {
      if (dir > 0) next = { start: from.start, end: wordAtOrAfter(doc.text, from.end, b.start, b.end)?.end ?? from.end };
      else {
        const last = wordBefore(doc.text, from.end, from.start);
        const prev = last && wordBefore(doc.text, last.start, from.start);
        next = prev ? { start: from.start, end: prev.end } : from;
      }
    } else if (dir > 0) next = wordAtOrAfter(doc.text, from ? from.end : b.start, b.start, b.end);
    else next = from ? wordBefore(doc.text, from.start, b.start) : wordBefore(doc.text, b.end, b.start);
    if (!next) return;
    if (mark || document.activeElement !== el) el.focus({ preventScroll: true });
    selectOffsets(el, next.start, next.end);
  }

  /** Undoes the last edit. */
  undo() {
    const r = this.ws.undo();
    if (!r) return this.announce('Nothing to undo.');
    this.redraw(r.dirty);
    this.onEdit({ name: r.cmd.name, kind: 'undo' });
    this.announce(`Undone: ${r.cmd.name}`);
    return undefined;
  }

  /** Redoes the last undone edit. */
  redo() {
    const r = this.ws.redo();
    if (!r) return this.announce('Nothing to redo.');
    this.redraw(r.dirty);
    this.onEdit({ name: r.cmd.name, kind: 'redo' });
    this.announce(`Redone: ${r.cmd.name}`);
    return undefined;
  }

  /** Marks every label as checked by a person and the document done. */
  acceptAll() {
    const doc = this.doc;
    if (!doc) return;
    const meta = this.ws.open.meta;
    const cmd = command('accept all', [acceptOp(doc)], meta.status, 'done');
    if (this.run(cmd, 'accept')) this.announce('All labels accepted; the document is done.');
    else this.announce('The document is already done.');
  }

  /**
   * Handles a key in the article (or with nothing focused). Returns whether it was used.
   * @param {KeyboardEvent} e
   * @returns {boolean}
   */
  key(e) {
    if (!this.doc || e.metaKey || (e.ctrlKey && !e.shiftKey)) return false;
    const mark = document.activeElement?.closest?.('mark.ent');
    const inArticle = mark && this.region.contains(mark);
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : null);
    if (digit && !e.ctrlKey) {
      this.label(ENTITY_LABELS[Number(digit) - 1][0], e.altKey);
      return true;
    }
    if (e.ctrlKey) {
      // Ctrl+Shift+Left/Right moves the start of a focused entity.
      if (inArticle && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        this.resize(mark, 'start', e.key === 'ArrowLeft' ? -1 : 1, e.altKey);
        return true;
      }
      return false;
    }
    switch (e.key) {
      case 'ArrowDown': case 'j':
        this.selectBlock(this.active < 0 ? 0 : this.active + 1);
        return true;
      case 'ArrowUp': case 'k':
        this.selectBlock(this.active < 0 ? 0 : this.active - 1);
        return true;
      case 'ArrowLeft': case 'ArrowRight': {
        const dir = e.key === 'ArrowLeft' ? -1 : 1;
        if (inArticle && e.shiftKey) this.resize(mark, 'end', dir, e.altKey);
        else this.moveWord(dir, e.shiftKey);
        return true;
      }
      case 'X':
        if (e.shiftKey) {
          this.boilerplateBelow();
          return true;
        }
        return false;
      case 'Delete': case 'Backspace':
        if (inArticle) {
          this.remove(mark);
          return true;
        }
        return false;
      case 'Escape':
        clearSelection();
        this.dismissOffer();
        return true;
      default:
        if (!e.shiftKey && !e.altKey && Object.hasOwn(BLOCK_KEYS, e.key)) {
          this.setBlockLabel(BLOCK_KEYS[e.key]);
          return true;
        }
        return false;
    }
  }
}
