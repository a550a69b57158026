// Reading files into documents: plain text (analysed), clipmark/v1 JSON, JSON arrays and
// JSONL, doccano JSONL and Label Studio JSON (through the engine's importAs when the build has
// it). Everything is read and checked before anything is added, so a bad file changes nothing.
import * as engine from './engine.js';

/**
 * Which format a JSON value (or the first JSONL record) is in.
 * @param {unknown} value
 * @returns {'clipmark'|'clipmark-array'|'labelstudio'|'doccano'|'unknown'}
 */
export function detectJson(value) {
  if (Array.isArray(value)) {
    const first = value[0];
    if (first && typeof first === 'object' && first.format === 'clipmark/v1') return 'clipmark-array';
    if (first && typeof first === 'object' && ('data' in first || 'annotations' in first || 'predictions' in first)) return 'labelstudio';
    return 'unknown';
  }
  if (value && typeof value === 'object') {
    if ('format' in value) return 'clipmark';
    if ('data' in value && ('annotations' in value || 'predictions' in value)) return 'labelstudio';
    if ('text' in value && ('label' in value || 'labels' in value || 'entities' in value)) return 'doccano';
  }
  return 'unknown';
}

/**
 * Gives documents that arrive without blocks (other tools know none) the engine's blocks, so
 * their text can be shown and corrected; their entities are kept as they came.
 * @param {object} doc
 * @returns {Promise<object>}
 */
async function withBlocks(doc) {
  if (doc.blocks?.length || !doc.text?.trim()) return doc;
  const analysed = await engine.analyze(doc.text);
  return { ...doc, blocks: analysed.blocks, metadata: { ...analysed.metadata, ...(doc.metadata ?? {}) } };
}

/**
 * Reads another tool's format through the engine.
 * @param {string} text
 * @param {'doccano'|'labelstudio'} from
 * @returns {Promise<object[]>}
 */
async function viaImportAs(text, from) {
  const caps = await engine.capabilities();
  if (!caps.importAs) throw new Error(`${from === 'doccano' ? 'doccano JSONL' : 'Label Studio JSON'}: format not available in this build`);
  const out = await engine.importAs(text, from);
  return Promise.all((Array.isArray(out) ? out : [out]).map(withBlocks));
}

/**
 * Reads a JSON file's text.
 * @param {string} text
 * @returns {Promise<object[]>}
 */
async function readJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    // The engine's parser names the line and column.
    return [await engine.importDocument(text)];
  }
  switch (detectJson(value)) {
    case 'clipmark': return [await engine.importDocument(text)];
    case 'clipmark-array': {
      const docs = [];
      for (const [i, d] of value.entries()) {
        try {
          docs.push(await engine.importDocument(JSON.stringify(d)));
        } catch (e) {
          throw new Error(`record ${i + 1}: ${e.message}`);
        }
      }
      return docs;
    }
    case 'labelstudio': return viaImportAs(text, 'labelstudio');
    default: throw new Error('not a clipmark/v1 document or Label Studio export (no "format" field, no "data" and "annotations")');
  }
}

/**
 * Reads a JSONL file's text: clipmark/v1 or doccano, told by the first record.
 * @param {string} text
 * @returns {Promise<object[]>}
 */
async function readJsonl(text) {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim());
  if (first < 0) throw new Error('the file is empty');
  let value;
  try {
    value = JSON.parse(lines[first]);
  } catch (e) {
    throw new Error(`line ${first + 1}: invalid JSON: ${e.message}`);
  }
  const kind = detectJson(value);
  if (kind === 'clipmark') return engine.importJsonl(text);
  if (kind === 'doccano' || (value && typeof value === 'object' && 'text' in value)) {
    // Check each record's JSON here so a bad line is named even before the engine reads it.
    lines.forEach((l, i) => {
      if (!l.trim()) return;
      try {
        JSON.parse(l);
      } catch (e) {
        throw new Error(`line ${i + 1}: invalid JSON: ${e.message}`);
      }
    });
    return viaImportAs(text, 'doccano');
  }
  throw new Error(`line ${first + 1}: not a clipmark/v1 or doccano record`);
}

/**
 * Reads one file (by name and text) into documents with UTF-16 offsets. Throws with a message
 * naming the file and the problem.
 * @param {string} name
 * @param {string} text
 * @returns {Promise<{doc: object, name: string}[]>}
 */
export async function readFile(name, text) {
  const lower = name.toLowerCase();
  try {
    let docs;
    if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) docs = await readJsonl(text);
    else if (lower.endsWith('.json')) docs = await readJson(text);
    else docs = [await engine.analyze(text)];
    if (!docs.length) throw new Error('no documents in the file');
    return docs.map((doc) => ({ doc, name: name.replace(/\.(clipmark\.)?(jsonl?|ndjson|txt)$/i, '') }));
  } catch (e) {
    throw new Error(`${name}: ${e.message}`);
  }
}

/**
 * Reads every file; fails on the first bad one, having added nothing.
 * @param {{name: string, text: () => Promise<string>}[]} files File objects or alike
 * @returns {Promise<{doc: object, name: string}[]>}
 */
export async function readFiles(files) {
  const all = [];
  for (const f of files) all.push(...await readFile(f.name, await f.text()));
  return all;
}
