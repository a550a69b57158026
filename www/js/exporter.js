// Building export files: clipmark/v1 JSON and JSONL here; doccano, Label Studio, spaCy,
// CoNLL and brat through the engine's convertDocument.
import * as engine from './engine.js';
import { slugify } from './download.js';

/** The export formats: display name, file suffix, MIME type. */
export const FORMATS = {
  'clipmark-json': { name: 'clipmark/v1 JSON', suffix: '.clipmark.json', type: 'application/json' },
  'clipmark-jsonl': { name: 'clipmark/v1 JSONL', suffix: '.clipmark.jsonl', type: 'application/x-ndjson' },
  doccano: { name: 'doccano JSONL', suffix: '.doccano.jsonl', type: 'application/x-ndjson' },
  labelstudio: { name: 'Label Studio JSON', suffix: '.labelstudio.json', type: 'application/json' },
  spacy: { name: 'spaCy/Prodigy JSONL', suffix: '.spacy.jsonl', type: 'application/x-ndjson' },
  conll: { name: 'CoNLL IOB2', suffix: '.conll', type: 'text/plain' },
  brat: { name: 'brat standoff (.ann + .txt)', suffix: '.ann', type: 'text/plain' },
};

/**
 * A document as the engine accepts it (the page's own fields removed).
 * @param {object} doc
 * @returns {object}
 */
function plain(doc) {
  const { format, text, offsets, blocks, entities, clusters, metadata, engine: made } = doc;
  return { format, text, offsets, blocks, entities, clusters, metadata, engine: made };
}

/**
 * The file name stem of a document.
 * @param {object} doc
 * @param {string} [title]
 * @returns {string}
 */
export function stem(doc, title) {
  return slugify(doc.metadata?.title ?? title ?? doc.text.trim().split('\n')[0]);
}

/**
 * Builds the files for an export.
 * @param {{doc: object, title?: string}[]} items the documents, in order
 * @param {string} format a key of FORMATS
 * @param {string} [allName] file stem when exporting several documents
 * @returns {Promise<{name: string, content: string, type: string}[]>}
 */
export async function buildExport(items, format, allName = 'clipmark-workspace') {
  const f = FORMATS[format];
  if (!f) throw new Error(`unknown format ${format}`);
  const one = items.length === 1;
  const name = (suffix) => `${one ? stem(items[0].doc, items[0].title) : allName}${suffix}`;
  const jsons = [];
  for (const it of items) jsons.push(await engine.exportDocument(plain(it.doc)));
  switch (format) {
    case 'clipmark-json': {
      const content = one ? jsons[0] : `[\n${jsons.join(',\n')}\n]`;
      return [{ name: name(f.suffix), content: `${content}\n`, type: f.type }];
    }
    case 'clipmark-jsonl':
      return [{ name: name(f.suffix), content: jsons.map((j) => `${JSON.stringify(JSON.parse(j))}\n`).join(''), type: f.type }];
    case 'labelstudio': {
      const tasks = [];
      for (const j of jsons) {
        const out = JSON.parse(await engine.convertDocument(j, 'labelstudio'));
        tasks.push(...(Array.isArray(out) ? out : [out]));
      }
      return [{ name: name(f.suffix), content: `${JSON.stringify(tasks, null, 2)}\n`, type: f.type }];
    }
    case 'brat': {
      const files = [];
      for (const [i, j] of jsons.entries()) {
        const s = stem(items[i].doc, items[i].title) + (one ? '' : `-${i + 1}`);
        files.push({ name: `${s}.ann`, content: await engine.convertDocument(j, 'brat'), type: f.type });
        files.push({ name: `${s}.txt`, content: items[i].doc.text, type: 'text/plain' });
      }
      return files;
    }
    default: {
      const parts = [];
      for (const j of jsons) {
        const out = await engine.convertDocument(j, format);
        parts.push(out.endsWith('\n') ? out : `${out}\n`);
      }
      return [{ name: name(f.suffix), content: parts.join(format === 'conll' ? '\n' : ''), type: f.type }];
    }
  }
}
