// Reading files into documents: plain text is analysed; JSON and JSONL files (clipmark/v1
// documents, arrays and JSONL, doccano JSONL, Label Studio JSON) go to the engine's
// importFile, which tells the format from the content and names the line or record of the
// first problem. Everything is read and checked before anything is added, so a bad file
// changes nothing.
import * as engine from './engine.js';

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
 * Reads one file (by name and text) into documents with UTF-16 offsets. Throws with a message
 * naming the file and the problem.
 * @param {string} name
 * @param {string} text
 * @returns {Promise<{doc: object, name: string}[]>}
 */
export async function readFile(name, text) {
  try {
    // The engine's importFile never returns an empty list: it throws instead.
    const docs = /\.(jsonl?|ndjson)$/i.test(name)
      ? await Promise.all((await engine.importFile(text)).map(withBlocks))
      : [await engine.analyze(text)];
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
