// Rendering of the side lists: the workspace's documents and the "other occurrences" offer.
// Titles and snippets come from users' files, so they only ever go in as text.
import { el } from './view.js';
import { STATUS_NAMES } from './model.js';

/** How many occurrences the panel lists one by one. */
const SHOWN = 100;

/**
 * Fills the document list: one item per document with an open button (title, status,
 * counts) and a delete button.
 * @param {HTMLElement} list
 * @param {object[]} metas workspace records, in order
 * @param {string|null} current id of the open document
 */
export function renderDocList(list, metas, current) {
  list.replaceChildren(...metas.map((m) => {
    const li = el('li', { 'data-id': m.id });
    const open = el('button', { type: 'button', class: 'doc-open', 'data-action': 'open', 'data-id': m.id });
    if (m.id === current) open.setAttribute('aria-current', 'true');
    open.append(el('span', { class: 'doc-title' }, m.title), el('span', { class: 'doc-status' }), el('span', { class: 'doc-counts' }));
    const del = el('button', { type: 'button', class: 'doc-delete', 'data-action': 'delete', 'data-id': m.id, 'aria-label': `Delete ${m.title}` }, '✕');
    li.append(open, del);
    updateDocItem(list, m, li);
    return li;
  }));
}

/**
 * Updates one document's status and counts in place (after an edit: no re-render of the list).
 * @param {HTMLElement} list
 * @param {object} meta
 * @param {HTMLElement} [item] the document's list item, when already known
 */
export function updateDocItem(list, meta, item) {
  const li = item ?? [...list.children].find((x) => x.dataset.id === meta.id);
  if (!li) return;
  const c = meta.counts ?? { blocks: 0, entities: 0, human: 0 };
  const status = li.querySelector('.doc-status');
  const name = STATUS_NAMES[meta.status] ?? meta.status;
  if (status.textContent !== name) {
    status.textContent = name;
    status.dataset.status = meta.status;
    li.dataset.status = meta.status;
  }
  const counts = `${c.blocks} blocks · ${c.entities} entities · ${c.human} checked`;
  const span = li.querySelector('.doc-counts');
  if (span.textContent !== counts) span.textContent = counts;
}

/**
 * Fills the occurrences panel: what was labelled, an "all" button and one button per place.
 * @param {HTMLElement} panel
 * @param {{text: string, label: string, items: {start: number, end: number, before: string, after: string}[]}|null} offer
 */
export function renderOccurrences(panel, offer) {
  if (!offer || !offer.items.length) {
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  const heading = el('h3', { id: 'occ-heading' });
  heading.append(`${offer.items.length} more unlabelled “`, el('span', { class: 'occ-text' }, offer.text), `” (${offer.label})`);
  const all = el('button', { type: 'button', 'data-action': 'occ-all' }, `Label all ${offer.items.length} as ${offer.label}`);
  const dismiss = el('button', { type: 'button', 'data-action': 'occ-dismiss', class: 'secondary' }, 'Dismiss');
  const list = el('ul', { class: 'occ-list', 'aria-label': 'Other occurrences' });
  // A long list is shown in part (the "all" button still takes every one): building thousands
  // of items would block the page.
  for (const it of offer.items.slice(0, SHOWN)) {
    const li = el('li');
    const ctx = el('span', { class: 'occ-context' });
    ctx.append(`…${it.before}`, el('b', {}, offer.text), `${it.after}…`);
    const btn = el('button', { type: 'button', 'data-action': 'occ-one', 'data-start': String(it.start), 'aria-label': `Label occurrence at ${it.start} as ${offer.label}` }, 'Label');
    li.append(btn, ctx);
    list.append(li);
  }
  if (offer.items.length > SHOWN) list.append(el('li', { class: 'hint' }, `… and ${offer.items.length - SHOWN} more`));
  const actions = el('div', { class: 'actions' });
  actions.append(all, dismiss);
  panel.replaceChildren(heading, actions, list);
  panel.hidden = false;
}
