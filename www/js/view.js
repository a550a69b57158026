// Rendering: the annotated article, the legend, the metadata and the entity clusters. Every
// piece of user or engine text goes in through textContent / Text nodes, never as HTML.

/** Entity labels with their legend names, in shortcut order. */
export const ENTITY_LABELS = [
  ['PER', 'person'], ['ORG', 'organisation'], ['LOC', 'location'], ['MISC', 'other name'],
  ['DATE', 'date'], ['MONEY', 'money'], ['PERCENT', 'percent'], ['URL', 'URL'], ['EMAIL', 'e-mail'],
];

/**
 * Creates an element with attributes and text.
 * @param {string} tag
 * @param {Record<string,string>} [attrs]
 * @param {string} [text]
 */
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Fills the legend list with a swatch and a name per entity label. */
export function renderLegend(list) {
  list.replaceChildren(...ENTITY_LABELS.map(([label, name]) => {
    const item = el('li', { 'data-label': label });
    const swatch = el('span', { class: 'swatch', 'data-label': label, 'aria-hidden': 'true' });
    swatch.style.background = `var(--${label})`;
    item.append(swatch, `${label} ${name}`);
    return item;
  }));
}

/**
 * Renders a document (UTF-16 offsets) into the annotated-article region: one element per
 * block, labelled by `data-label`, with entity marks inside.
 * @param {HTMLElement} region
 * @param {{text: string, blocks: object[], entities: object[]}} doc
 */
export function renderDocument(region, doc) {
  const { text, blocks, entities } = doc;
  const frag = document.createDocumentFragment();
  let k = 0;
  blocks.forEach((b, i) => {
    const div = el('div', { class: 'block', 'data-label': b.label, 'data-index': String(i), 'data-source': b.source });
    let pos = b.start;
    while (k < entities.length && entities[k].end <= b.start) k++;
    while (k < entities.length && entities[k].start < b.end) {
      const e = entities[k];
      if (e.start >= pos && e.end <= b.end) {
        if (e.start > pos) div.append(text.slice(pos, e.start));
        const mark = el('mark', {
          class: 'ent', 'data-label': e.label, 'data-index': String(k), 'data-source': e.source,
          title: `${e.label}${e.cluster !== undefined && e.cluster !== null ? ` · ${doc.clusters?.[e.cluster]?.canonical ?? ''}` : ''}`,
        }, text.slice(e.start, e.end));
        if (e.cluster !== undefined && e.cluster !== null) mark.dataset.cluster = String(e.cluster);
        div.append(mark);
        pos = e.end;
      }
      k++;
    }
    if (b.end > pos) div.append(text.slice(pos, b.end));
    frag.append(div);
  });
  if (!blocks.length) frag.append(el('p', { class: 'empty' }, 'Nothing to show: the text is empty.'));
  region.replaceChildren(frag);
}

/**
 * Shows the document's metadata as a description list.
 * @param {HTMLElement} dl
 * @param {{title?: string, published?: string, authors?: string[], url?: string}} md
 */
export function renderMetadata(dl, md = {}) {
  const rows = [
    ['Title', md.title], ['Published', md.published],
    ['Authors', (md.authors ?? []).join(', ') || null], ['Source', md.url],
  ].filter(([, v]) => v);
  dl.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  dl.hidden = rows.length === 0;
}

/**
 * Lists the clusters, most mentioned first, as toggle buttons.
 * @param {HTMLElement} list
 * @param {{id: number, label: string, canonical: string, mentions: number}[]} clusters
 */
export function renderClusters(list, clusters = []) {
  const sorted = [...clusters].sort((a, b) => b.mentions - a.mentions || a.id - b.id);
  list.replaceChildren(...sorted.map((c) => {
    const button = el('button', { type: 'button', 'data-cluster': String(c.id), 'aria-pressed': 'false' });
    button.append(el('span', { class: 'tag', 'data-label': c.label }, c.label), el('span', {}, c.canonical),
      el('span', { class: 'count', 'aria-label': `${c.mentions} mentions` }, `×${c.mentions}`));
    const li = el('li');
    li.append(button);
    return li;
  }));
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
