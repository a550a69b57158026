// Wiring: connects the controls to the engine and the view, and keeps the user's text safe:
// nothing here ever clears the text area, and every failure is shown, not swallowed.
import * as engine from './engine.js';
import { download, slugify } from './download.js';
import { highlightCluster, renderClusters, renderDocument, renderLegend, renderMetadata } from './view.js';

const $ = (id) => document.getElementById(id);
const input = $('article-text');
const analyzeButton = $('analyze');
const exportButton = $('export');
const status = $('status');
const errorBox = $('error');
const region = $('annotated');
const clusterList = $('clusters');

/** The document on screen (UTF-16 offsets), or null before the first analysis. */
let current = null;

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

async function analyze() {
  clearError();
  const text = input.value;
  analyzeButton.disabled = true;
  const started = performance.now();
  const slow = setTimeout(() => { status.textContent = 'Analyzing…'; }, 150);
  try {
    const doc = await engine.analyze(text);
    current = doc;
    renderDocument(region, doc);
    renderMetadata($('metadata'), doc.metadata);
    renderClusters(clusterList, doc.clusters);
    exportButton.disabled = false;
    const body = doc.blocks.filter((b) => b.label === 'body').length;
    status.textContent = `${doc.blocks.length} blocks (${body} body), ${doc.entities.length} entities in ${Math.round(performance.now() - started)} ms`;
  } catch (e) {
    status.textContent = '';
    showError(`Analysis failed: ${e.message}. Your text is unchanged.`);
  } finally {
    clearTimeout(slow);
    analyzeButton.disabled = false;
  }
}

async function exportJson() {
  if (!current) return;
  clearError();
  try {
    const json = await engine.exportDocument(current);
    download(`${slugify(current.metadata?.title ?? current.text.trim().split('\n')[0])}.clipmark.json`, `${json}\n`);
    status.textContent = 'Exported clipmark/v1 JSON.';
  } catch (e) {
    showError(`Export failed: ${e.message}`);
  }
}

renderLegend($('legend'));
analyzeButton.addEventListener('click', analyze);
exportButton.addEventListener('click', exportJson);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    analyze();
  }
});
clusterList.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-cluster]');
  if (!button) return;
  const on = button.getAttribute('aria-pressed') === 'true';
  highlightCluster(region, clusterList, on ? null : button.dataset.cluster);
});
engine.version().then(
  (v) => { document.documentElement.dataset.engine = v; },
  (e) => showError(`The analysis engine could not load: ${e.message}`),
);
