// The package entry: loads the wasm module once (from the file next to this one, in Node or
// in a browser), then re-exports the engine's functions. `clipmark/raw` is the unloaded
// wasm-bindgen module for callers that load the wasm themselves.
import init, {
  analyze, analyzeToJson, convertDocument, exportDocument, importAs, importDocument, importFile, version,
} from './clipmark.js';

const wasmUrl = new URL('./clipmark_bg.wasm', import.meta.url);
const inNode = typeof process !== 'undefined' && !!process.versions?.node && wasmUrl.protocol === 'file:';

if (inNode) {
  const { readFile } = await import('node:fs/promises');
  await init({ module_or_path: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

export {
  analyze, analyzeToJson, convertDocument, exportDocument, importAs, importDocument, importFile, version,
};
