// Wiring: connects the controls to the engine, the workspace and the editor, and keeps the
// user's work safe: nothing here ever clears the text area, and every failure (analysis,
// import, export, storage) is shown, not swallowed.
import * as engine from './engine.js';
import { download } from './download.js';
import { Editor } from './editor.js';
import { buildExport } from './exporter.js';
import { readFiles } from './importer.js';
import { renderDocList, renderOccurrences, updateDocItem } from './listview.js';
import { ENTITY_LABELS } from './model.js';
import {
  el, highlightCluster, renderClusters, renderEmpty, renderLegend, renderMetadata, updateClusterCounts,
} from './view.js';
import { Workspace } from './workspace.js';

/** The element with an id. @param {string} id @returns {HTMLElement} */
const $ = (id) => document.getElementById(id);
const input = $('article-text');
const analyzeButton = $('analyze');
const exportButton = $('export');
const status = $('status');
const progress = $('progress');
const errorBox = $('error');
const storageBox = $('storage-error');
const region = $('annotated');
const clusterList = $('clusters');
const docList = $('docs');
const toolbar = $('toolbar');
const undoButton = toolbar.querySelector('[data-action="undo"]');
const redoButton = toolbar.querySelector('[data-action="redo"]');
const undoDeleteButton = $('undo-delete');
const occurrences = $('occurrences');
const shortcuts = $('shortcuts');

/**
 * Shows an error until the next action.
 * @param {string} message
 */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

/** Hides the error box. */
function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

/**
 * Shows (or, with null, clears) a storage problem; it stays until storage works again.
 * @param {string|null} message
 */
function showStorageError(message) {
  storageBox.textContent = message ?? '';
  storageBox.hidden = !message;
}

/**
 * Says something in the status line (a polite live region).
 * @param {string} message
 */
function announce(message) {
  status.textContent = message;
}

const saveState = $('save-state');
const workspace = new Workspace({
  onError: showStorageError,
  onSaving: (pending) => {
    document.documentElement.dataset.saving = pending ? 'yes' : 'no';
    saveState.textContent = pending ? 'Saving…' : (workspace.store ? (workspace.saveFailed ? 'Not saved' : 'All changes saved') : 'Not saved (no storage)');
  },
});
const editor = new Editor({
  region,
  workspace,
  announce,
  onEdit: afterEdit,
  offer: (offer) => renderOccurrences(occurrences, offer),
});

let clusterTimer = 0;

/** Refreshes the document list, the history buttons and (soon after) the cluster counts. */
function afterEdit() {
  if (workspace.open) updateDocItem(docList, workspace.open.meta);
  refreshHistory();
  clearTimeout(clusterTimer);
  clusterTimer = setTimeout(() => {
    if (workspace.open) updateClusterCounts(clusterList, workspace.open.doc.entities);
  }, 300);
}

/** Enables the undo and redo buttons when there is something to undo or redo. */
function refreshHistory() {
  const open = workspace.open;
  undoButton.disabled = !workspace.canUndo();
  redoButton.disabled = !workspace.canRedo();
  undoButton.title = workspace.canUndo() ? `Undo: ${open.cmds[open.meta.cursor - 1].name}` : 'Nothing to undo';
  redoButton.title = workspace.canRedo() ? `Redo: ${open.cmds[open.meta.cursor].name}` : 'Nothing to redo';
  exportButton.disabled = !open;
  const last = workspace.lastDeleted();
  undoDeleteButton.hidden = !last;
  if (last) undoDeleteButton.title = `Restore “${last}”`;
}

/**
 * Opens a document of the workspace and shows it.
 * @param {string} id
 */
async function openDocument(id) {
  try {
    await workspace.openDoc(id);
  } catch (e) {
    showError(`Could not open the document: ${e.message}`);
    return;
  }
  const { doc } = workspace.open;
  editor.show();
  renderMetadata($('metadata'), doc.metadata);
  renderClusters(clusterList, doc.clusters, doc.entities);
  renderDocList(docList, workspace.list(), id);
  refreshHistory();
}

/** Shows that no document is open. */
function showNothing() {
  workspace.close();
  renderEmpty(region);
  renderMetadata($('metadata'), {});
  renderClusters(clusterList, []);
  renderOccurrences(occurrences, null);
  renderDocList(docList, workspace.list(), null);
  refreshHistory();
}

/**
 * Runs a slow engine task with a progress indication after a moment.
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
async function withProgress(label, task) {
  const slow = setTimeout(() => {
    progress.hidden = false;
    announce(`${label}…`);
  }, 150);
  try {
    return await task();
  } finally {
    clearTimeout(slow);
    progress.hidden = true;
  }
}

/** Analyses the text area into a new document of the workspace and opens it. */
async function analyze() {
  await ready;
  clearError();
  const text = input.value;
  analyzeButton.disabled = true;
  const started = performance.now();
  try {
    const doc = await withProgress('Analyzing', () => engine.analyze(text));
    const [id] = await workspace.add([{ doc }]);
    await openDocument(id);
    const body = doc.blocks.filter((b) => b.label === 'body').length;
    announce(`${doc.blocks.length} blocks (${body} body), ${doc.entities.length} entities in ${Math.round(performance.now() - started)} ms`);
  } catch (e) {
    announce('');
    showError(`Analysis failed: ${e.message}. Your text is unchanged.`);
  } finally {
    analyzeButton.disabled = false;
  }
}

/**
 * Adds files to the workspace: all of them, or (when one is invalid) none.
 * @param {File[]} files
 */
async function addFiles(files) {
  if (!files.length) return;
  await ready;
  clearError();
  try {
    const items = await withProgress('Importing', () => readFiles(files));
    const ids = await workspace.add(items);
    await openDocument(ids[0]);
    announce(`Added ${ids.length} document${ids.length === 1 ? '' : 's'} from ${files.map((f) => f.name).join(', ')}.`);
  } catch (e) {
    announce('');
    showError(`Import failed: ${e.message}. Nothing was added; the workspace is unchanged.`);
  }
}

/**
 * Exports the current or every document in a format, as one or more downloads.
 * @param {string} format
 * @param {'current'|'all'} scope
 */
async function exportAs(format, scope) {
  clearError();
  try {
    let items;
    if (scope === 'all') items = (await workspace.allDocs()).map(({ doc }) => ({ doc }));
    else if (workspace.open) items = [{ doc: workspace.open.doc }];
    else throw new Error('open a document first');
    if (!items.length) throw new Error('the workspace is empty');
    const files = await buildExport(items, format);
    for (const f of files) download(f.name, f.content, f.type);
    announce(`Exported ${files.map((f) => f.name).join(', ')}.`);
  } catch (e) {
    showError(`Export failed: ${e.message}`);
  }
}

/**
 * Whether a key event belongs to a form field that needs its own keys.
 * @param {EventTarget|null} target
 * @returns {boolean}
 */
function inField(target) {
  return target instanceof HTMLElement && (target.matches('textarea, input, select, [contenteditable]') || !!target.closest('dialog'));
}

/**
 * The page's keyboard shortcuts.
 * @param {KeyboardEvent} e
 */
function onKey(e) {
  if (e.defaultPrevented || shortcuts.open) return;
  if (inField(e.target)) return;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (ctrl && !e.altKey && ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey))) {
    e.preventDefault();
    editor.redo();
    return;
  }
  if (ctrl && !e.altKey && !e.shiftKey && key === 'z') {
    e.preventDefault();
    editor.undo();
    return;
  }
  if (e.key === '?' && !ctrl) {
    e.preventDefault();
    shortcuts.showModal();
    return;
  }
  // Editing keys act on the article: when the focus is in it, in its toolbar, or nowhere.
  const t = e.target;
  const editing = t === document.body || t === document.documentElement || region.contains(t) || toolbar.contains(t);
  if (!editing || (t instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' '))) return;
  if (editor.key(e)) e.preventDefault();
}

/** Builds the entity palette: one button per label, named with its key. */
function renderPalette() {
  $('palette').replaceChildren(...ENTITY_LABELS.map(([label, name], i) => {
    const b = el('button', {
      type: 'button', 'data-entity': label, 'data-label': label,
      'aria-label': `Label as ${label} (${name})`, 'aria-keyshortcuts': String(i + 1),
    });
    b.append(el('span', { class: 'swatch', 'aria-hidden': 'true' }), label, el('kbd', { 'aria-hidden': 'true' }, String(i + 1)));
    return b;
  }));
}

// --- events ---------------------------------------------------------------------------------

analyzeButton.addEventListener('click', analyze);
exportButton.addEventListener('click', () => exportAs('clipmark-json', 'current'));
$('export-download').addEventListener('click', () => exportAs($('export-format').value, $('export-scope').value));
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    analyze();
  }
});
document.addEventListener('keydown', onKey);

// The toolbar keeps the article's focus and selection: pressing its buttons acts on them.
toolbar.addEventListener('mousedown', (e) => { if (e.target.closest('button')) e.preventDefault(); });
toolbar.addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b || b.disabled) return;
  if (b.dataset.block) editor.setBlockLabel(b.dataset.block);
  else if (b.dataset.entity) editor.label(b.dataset.entity, false);
  else if (b.dataset.action === 'below') editor.boilerplateBelow();
  else if (b.dataset.action === 'undo') editor.undo();
  else if (b.dataset.action === 'redo') editor.redo();
  else if (b.dataset.action === 'accept') editor.acceptAll();
});

region.addEventListener('mousedown', (e) => { editor.pointerAlt = e.altKey; });
region.addEventListener('mouseup', (e) => { editor.pointerAlt ||= e.altKey; });
region.addEventListener('focusin', (e) => {
  const mark = e.target.closest('mark.ent');
  editor.lastMark = mark;
  const block = e.target.closest('.block');
  if (block) editor.selectBlock(Number(block.dataset.index), false);
});

docList.addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-action]');
  if (!b) return;
  const { id } = b.dataset;
  if (b.dataset.action === 'open') {
    await openDocument(id);
    announce(`Opened “${workspace.metas.get(id)?.title ?? ''}”.`);
  } else if (b.dataset.action === 'delete') {
    const title = workspace.metas.get(id)?.title ?? '';
    const wasOpen = workspace.open?.id === id;
    workspace.remove(id);
    if (wasOpen) {
      const next = workspace.list()[0];
      if (next) await openDocument(next.id);
      else showNothing();
    } else renderDocList(docList, workspace.list(), workspace.open?.id ?? null);
    refreshHistory();
    announce(`Deleted “${title}”. Press Undo delete to restore it.`);
    undoDeleteButton.focus();
  }
});
undoDeleteButton.addEventListener('click', async () => {
  const id = workspace.undoDelete();
  if (!id) return;
  await openDocument(id);
  announce(`Restored “${workspace.metas.get(id).title}”.`);
});

occurrences.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-action]');
  if (!b) return;
  if (b.dataset.action === 'occ-all') editor.acceptOffer(null);
  else if (b.dataset.action === 'occ-one') editor.acceptOffer(Number(b.dataset.start));
  else if (b.dataset.action === 'occ-dismiss') editor.dismissOffer();
});

$('files').addEventListener('change', async (e) => {
  const files = [...e.target.files];
  e.target.value = '';
  await addFiles(files);
});
document.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) {
    e.preventDefault();
    document.body.classList.add('dropping');
  }
});
document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) document.body.classList.remove('dropping'); });
document.addEventListener('drop', (e) => {
  if (!e.dataTransfer?.files.length) return;
  e.preventDefault();
  document.body.classList.remove('dropping');
  addFiles([...e.dataTransfer.files]);
});
document.addEventListener('paste', (e) => {
  const files = [...(e.clipboardData?.files ?? [])];
  if (!files.length) return;
  e.preventDefault();
  addFiles(files);
});

$('show-shortcuts').addEventListener('click', () => shortcuts.showModal());
$('close-shortcuts').addEventListener('click', () => shortcuts.close());

clusterList.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-cluster]');
  if (!button) return;
  const on = button.getAttribute('aria-pressed') === 'true';
  highlightCluster(region, clusterList, on ? null : button.dataset.cluster);
});

// --- start ----------------------------------------------------------------------------------

renderLegend($('legend'));
renderPalette();

/** Restores the saved workspace, then says the page is ready (tests wait for this). */
async function start() {
  await workspace.init();
  saveState.textContent = workspace.store ? 'All changes saved' : 'Not saved (no storage)';
  const current = workspace.session.current;
  if (current && workspace.metas.get(current) && !workspace.metas.get(current).deleted) await openDocument(current);
  else showNothing();
  document.documentElement.dataset.workspace = 'ready';
}

engine.version().then(
  (v) => {
    document.documentElement.dataset.engine = v;
    // For the cold-start benchmark (scripts/bench/cold-breakdown.mjs --page): when the engine is
    // loaded and warmed up, in ms since navigation start.
    performance.mark('clipmark:engine-ready');
  },
  (e) => showError(`The analysis engine could not load: ${e.message}`),
);
const ready = start().catch((e) => showError(`The workspace could not start: ${e.message}`));
