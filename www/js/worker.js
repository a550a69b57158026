// The analysis worker: runs the wasm engine off the main thread, so a large paste never
// freezes the page. Messages: {id, op, ...args} in, {id, ok, value | error} out.
import init, * as engine from '../pkg/clipmark.js';

// Load the engine and warm its models up at once, while the analyst is still pasting.
const ready = init().then(() => engine.warmUp());

const ops = {
  analyze: ({ text }) => engine.analyze(text),
  exportDocument: ({ doc }) => engine.exportDocument(doc),
  importFile: ({ text }) => engine.importFile(text),
  convertDocument: ({ json, to }) => engine.convertDocument(json, to),
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
