// The analysis worker: runs the wasm engine off the main thread, so a large paste never
// freezes the page. Messages: {id, op, ...args} in, {id, ok, value | error} out.
import init, * as engine from '../pkg/clipmark.js';

const ready = init();

const ops = {
  analyze: ({ text }) => engine.analyze(text),
  exportDocument: ({ doc }) => engine.exportDocument(doc),
  importDocument: ({ json }) => engine.importDocument(json),
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
