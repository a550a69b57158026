// The DOM selection in the annotated article, in document offsets (UTF-16), and back. Each
// block element covers text[data-start, data-end) and holds only that text (labels are drawn
// by CSS, which a Range does not see), so an offset is the block's start plus the length of
// the text between the block's beginning and the point.

/**
 * The block element holding a DOM point, or null.
 * @param {Node} node
 * @returns {HTMLElement|null}
 */
function blockOf(node) {
  const e = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return e?.closest('.block') ?? null;
}

/**
 * The document offset of a DOM point inside the region, or null when it is outside blocks.
 * @param {HTMLElement} region
 * @param {Node} node
 * @param {number} offset
 * @returns {{offset: number, block: number}|null}
 */
export function pointToOffset(region, node, offset) {
  if (node === region) {
    const blocks = region.children;
    if (!blocks.length) return null;
    const b = offset < blocks.length ? blocks[offset] : blocks[blocks.length - 1];
    if (!b.classList.contains('block')) return null;
    return { offset: Number(offset < blocks.length ? b.dataset.start : b.dataset.end), block: Number(b.dataset.index) };
  }
  const block = blockOf(node);
  if (!block || !region.contains(block)) return null;
  const r = document.createRange();
  r.setStart(block, 0);
  r.setEnd(node, offset);
  return { offset: Number(block.dataset.start) + r.toString().length, block: Number(block.dataset.index) };
}

/**
 * The current non-empty selection inside the region, in offsets, or null.
 * @param {HTMLElement} region
 * @returns {{start: number, end: number, startBlock: number, endBlock: number}|null}
 */
export function selectedRange(region) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!region.contains(r.startContainer) || !region.contains(r.endContainer)) return null;
  const a = pointToOffset(region, r.startContainer, r.startOffset);
  const b = pointToOffset(region, r.endContainer, r.endOffset);
  if (!a || !b || a.offset === b.offset) return null;
  return { start: a.offset, end: b.offset, startBlock: a.block, endBlock: b.block };
}

/**
 * The DOM point of a document offset inside a block element.
 * @param {HTMLElement} block
 * @param {number} offset
 * @returns {{node: Node, offset: number}}
 */
export function offsetToPoint(block, offset) {
  let left = offset - Number(block.dataset.start);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (left <= n.length) return { node: n, offset: left };
    left -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : { node: block, offset: 0 };
}

/**
 * Selects text[start, end) inside a block element.
 * @param {HTMLElement} block
 * @param {number} start
 * @param {number} end
 */
export function selectOffsets(block, start, end) {
  const a = offsetToPoint(block, start);
  const b = offsetToPoint(block, end);
  document.getSelection()?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
}

/** Clears the page's text selection. */
export function clearSelection() {
  document.getSelection()?.removeAllRanges();
}
