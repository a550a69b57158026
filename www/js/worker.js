// The analysis worker: runs the wasm engine off the main thread, so a large paste never
// freezes the page. Messages: {id, op, ...args} in, {id, ok, value | error} out.
import init, * as engine from '../pkg/clipmark.js';

// Load the engine and warm its models up at once, while the analyst is still pasting.
const ready = init().then(() => engine.warmUp());

/** Message for a conversion this build of the engine does not have. */
const MISSING = 'format not available in this build';

/**
 * Reads clipmark/v1 JSONL: one document per non-blank line; the first bad line stops it,
 * named by its number, so nothing is half-imported.
 * @param {string} text
 * @returns {object[]} documents with UTF-16 offsets
 */
function importJsonl(text) {
  const docs = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      docs.push(engine.importDocument(line));
    } catch (e) {
      throw new Error(`line ${i + 1}: ${e?.message ?? e}`);
    }
  });
  return docs;
}

const ops = {
  analyze: ({ text }) => engine.analyze(text),
  exportDocument: ({ doc }) => engine.exportDocument(doc),
  importDocument: ({ json }) => engine.importDocument(json),
  importJsonl: ({ text }) => importJsonl(text),
  // Feature detection, so a page served with an older engine build says what is missing.
  capabilities: () => ({
    convertDocument: typeof engine.convertDocument === 'function',
    importAs: typeof engine.importAs === 'function',
  }),
  convertDocument: ({ json, to }) => {
    if (typeof engine.convertDocument !== 'function') throw new Error(`${to}: ${MISSING}`);
    return engine.convertDocument(json, to);
  },
  importAs: ({ text, from }) => {
    if (typeof engine.importAs !== 'function') throw new Error(`${from}: ${MISSING}`);
    return engine.importAs(text, from);
  },
  version: () => engine.version(),
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    await ready;
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown operation ${op}`);
    self.postMessage({ id, ok: true, value: ops[op](data) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e?.message ?? e) });
  }
};
