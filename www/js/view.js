// Rendering: the annotated article (whole, or one block at a time after an edit), the legend,
// the metadata and the entity clusters. Every piece of user or engine text goes in through
// textContent / Text nodes, never as HTML.
import { ENTITY_LABELS, firstEndingAfter } from './model.js';

export { ENTITY_LABELS };

/**
 * Creates an element with attributes and text.
 * @param {string} tag
 * @param {Record<string,string>} [attrs]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Fills the legend list with a swatch and a name per entity label.
 * @param {HTMLElement} list
 */
export function renderLegend(list) {
  list.replaceChildren(...ENTITY_LABELS.map(([label, name], i) => {
    const item = el('li', { 'data-label': label });
    const swatch = el('span', { class: 'swatch', 'data-label': label, 'aria-hidden': 'true' });
    item.append(swatch, `${label} ${name}`, el('kbd', { 'aria-label': `key ${i + 1}` }, String(i + 1)));
    return item;
  }));
}

/**
 * Fills one block element with its text and entity marks.
 * @param {HTMLElement} div the block's element (emptied first)
 * @param {object} doc the document (UTF-16 offsets)
 * @param {number} i the block's index
 * @param {boolean} active whether it is the selected block (its marks join the tab order)
 */
export function fillBlock(div, doc, i, active) {
  const { text, entities } = doc;
  const b = doc.blocks[i];
  div.className = active ? 'block active' : 'block';
  div.dataset.label = b.label;
  div.dataset.source = b.source ?? 'model';
  if (b.label === 'boilerplate' && b.role) div.dataset.role = b.role;
  else delete div.dataset.role;
  div.tabIndex = active ? 0 : -1;
  const parts = [];
  let pos = b.start;
  for (let k = firstEndingAfter(entities, b.start); k < entities.length && entities[k].start < b.end; k++) {
    const e = entities[k];
    if (e.start < pos || e.end > b.end) continue;
    if (e.start > pos) parts.push(text.slice(pos, e.start));
    const cluster = e.cluster !== undefined && e.cluster !== null ? doc.clusters?.[e.cluster] : null;
    const mark = el('mark', {
      class: 'ent', 'data-label': e.label, 'data-start': String(e.start), 'data-end': String(e.end),
      'data-source': e.source ?? 'model', tabindex: active ? '0' : '-1',
      title: `${e.label} (${e.source === 'human' ? 'checked' : 'proposed'})${cluster ? ` · ${cluster.canonical}` : ''}`,
    }, text.slice(e.start, e.end));
    if (cluster) mark.dataset.cluster = String(e.cluster);
    parts.push(mark);
    pos = e.end;
  }
  if (b.end > pos) parts.push(text.slice(pos, b.end));
  div.replaceChildren(...parts);
}

/**
 * Renders a whole document into the annotated-article region: one element per block,
 * labelled by `data-label`, covering text[data-start, data-end), with entity marks inside.
 * @param {HTMLElement} region
 * @param {{text: string, blocks: object[], entities: object[]}} doc
 * @param {number} [active] index of the selected block
 */
export function renderDocument(region, doc, active = -1) {
  const frag = document.createDocumentFragment();
  doc.blocks.forEach((b, i) => {
    const div = el('div', { 'data-index': String(i), 'data-start': String(b.start), 'data-end': String(b.end) });
    fillBlock(div, doc, i, i === active);
    frag.append(div);
  });
  if (!doc.blocks.length) frag.append(el('p', { class: 'empty' }, 'Nothing to show: the text is empty.'));
  region.replaceChildren(frag);
}

/**
 * Shows that nothing is open.
 * @param {HTMLElement} region
 */
export function renderEmpty(region) {
  region.replaceChildren(el('p', { class: 'empty' }, 'The annotated article appears here.'));
}

/**
 * The element of block `i`.
 * @param {HTMLElement} region
 * @param {number} i
 * @returns {HTMLElement|null}
 */
export function blockElement(region, i) {
  const child = region.children[i];
  return child?.dataset.index === String(i) ? child : region.querySelector(`.block[data-index="${i}"]`);
}

/**
 * Redraws only the listed blocks.
 * @param {HTMLElement} region
 * @param {object} doc
 * @param {Iterable<number>} indices
 * @param {number} active
 */
export function renderBlocks(region, doc, indices, active) {
  for (const i of indices) {
    const div = blockElement(region, i);
    if (div) fillBlock(div, doc, i, i === active);
  }
}

/**
 * Moves the block selection: the old block and its marks leave the tab order, the new join it.
 * @param {HTMLElement} region
 * @param {number} from
 * @param {number} to
 */
export function markActive(region, from, to) {
  const old = from >= 0 ? blockElement(region, from) : null;
  if (old) {
    old.classList.remove('active');
    old.tabIndex = -1;
    for (const m of old.querySelectorAll('mark')) m.tabIndex = -1;
  }
  const now = to >= 0 ? blockElement(region, to) : null;
  if (now) {
    now.classList.add('active');
    now.tabIndex = 0;
    for (const m of now.querySelectorAll('mark')) m.tabIndex = 0;
  }
}

/**
 * Shows the document's metadata as a description list.
 * @param {HTMLElement} dl
 * @param {{title?: string, published?: string, authors?: string[], url?: string}} md
 */
export function renderMetadata(dl, md = {}) {
  const rows = [
    ['Title', md?.title], ['Published', md?.published],
    ['Authors', (md?.authors ?? []).join(', ') || null], ['Source', md?.url],
  ].filter(([, v]) => v);
  dl.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  dl.hidden = rows.length === 0;
}

/**
 * Lists the clusters, most mentioned first, as toggle buttons; mention counts are those of
 * the entities currently in the document.
 * @param {HTMLElement} list
 * @param {{id: number, label: string, canonical: string}[]} clusters
 * @param {object[]} [entities]
 */
export function renderClusters(list, clusters = [], entities = null) {
  const mentions = new Map();
  if (entities) for (const e of entities) if (e.cluster !== undefined && e.cluster !== null) mentions.set(e.cluster, (mentions.get(e.cluster) ?? 0) + 1);
  const count = (c) => (entities ? mentions.get(c.id) ?? 0 : c.mentions);
  const sorted = clusters.filter((c) => count(c) > 0).sort((a, b) => count(b) - count(a) || a.id - b.id);
  list.replaceChildren(...sorted.map((c) => {
    const button = el('button', { type: 'button', 'data-cluster': String(c.id), 'aria-pressed': 'false' });
    button.append(el('span', { class: 'tag', 'data-label': String(c.label) }, String(c.label)), el('span', {}, String(c.canonical)),
      el('span', { class: 'count', 'aria-label': `${count(c)} mentions` }, `×${count(c)}`));
    const li = el('li');
    li.append(button);
    return li;
  }));
}

/**
 * Updates the mention counts of the listed clusters after an edit, touching only the ones
 * that changed (a full re-render of a long list would block the page); a cluster with no
 * mentions left is hidden. The order is refreshed when the document is opened again.
 * @param {HTMLElement} list
 * @param {object[]} entities
 */
export function updateClusterCounts(list, entities) {
  const mentions = new Map();
  for (const e of entities) if (e.cluster !== undefined && e.cluster !== null) mentions.set(e.cluster, (mentions.get(e.cluster) ?? 0) + 1);
  for (const button of list.querySelectorAll('button[data-cluster]')) {
    const n = mentions.get(Number(button.dataset.cluster)) ?? 0;
    const count = button.querySelector('.count');
    const text = `×${n}`;
    if (count.textContent !== text) {
      count.textContent = text;
      count.setAttribute('aria-label', `${n} mentions`);
    }
    const li = button.parentElement;
    if (li.hidden !== (n === 0)) li.hidden = n === 0;
  }
}

/**
 * Highlights the mentions of one cluster (or none) and scrolls the first into view.
 * @param {HTMLElement} region
 * @param {HTMLElement} list
 * @param {string|null} id
 */
export function highlightCluster(region, list, id) {
  for (const m of region.querySelectorAll('mark.hl')) m.classList.remove('hl');
  for (const b of list.querySelectorAll('button[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  if (id === null) return;
  const marks = region.querySelectorAll(`mark[data-cluster="${CSS.escape(id)}"]`);
  for (const m of marks) m.classList.add('hl');
  list.querySelector(`button[data-cluster="${CSS.escape(id)}"]`)?.setAttribute('aria-pressed', 'true');
  marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
