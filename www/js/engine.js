// The page's handle on the engine: a promise API over the analysis worker.

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;

worker.onmessage = ({ data }) => {
  const p = pending.get(data.id);
  if (!p) return;
  pending.delete(data.id);
  if (data.ok) p.resolve(data.value);
  else p.reject(new Error(data.error));
};
worker.onerror = (event) => {
  event.preventDefault();
  const error = new Error(`the analysis engine failed to start: ${event.message || 'unknown error'}`);
  for (const p of pending.values()) p.reject(error);
  pending.clear();
};

/**
 * Sends one operation to the worker.
 * @param {string} op
 * @param {object} [args]
 * @returns {Promise<any>}
 */
function call(op, args = {}) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, ...args });
  });
}

/**
 * Analyses a text.
 * @param {string} text the pasted text
 * @returns {Promise<object>} a clipmark/v1 document with UTF-16 offsets (`offsets: "utf16"`)
 */
export const analyze = (text) => call('analyze', { text });

/**
 * Validates a document (UTF-16 or code-point offsets) and returns the clipmark/v1 file text.
 * @param {object} doc
 * @returns {Promise<string>} JSON with code-point offsets
 */
export const exportDocument = (doc) => call('exportDocument', { doc });

/**
 * Reads a JSON or JSONL file's text in whichever format it is in (clipmark/v1 document, array
 * or JSONL; doccano JSONL; Label Studio JSON), told by the engine from the content; fails
 * naming the line or record of the first problem.
 * @param {string} text the file's text
 * @returns {Promise<object[]>} documents with UTF-16 offsets
 */
export const importFile = (text) => call('importFile', { text });

/**
 * Converts clipmark/v1 JSON text to another format (engine's `convertDocument`).
 * @param {string} json clipmark/v1 JSON (code points)
 * @param {'doccano'|'labelstudio'|'spacy'|'conll'|'brat'|'clipmark-jsonl'} to
 * @returns {Promise<string>}
 */
export const convertDocument = (json, to) => call('convertDocument', { json, to });

/** @returns {Promise<string>} the engine's version */
export const version = () => call('version');
