// A static file server for www/: correct MIME types (application/wasm for .wasm), the page's
// Content-Security-Policy as a header, and revalidated caching: every response carries an
// ETag and `Cache-Control: no-cache`, so the browser asks each time (an edited file is seen at
// once) and gets `304 Not Modified` for an unchanged one, which lets Chromium reuse the wasm
// code it compiled on an earlier visit. Nothing else.
//
//   node scripts/build/serve.mjs [--port N]   (8080 by default; 0 picks a free port)
//
// Run by scripts/serve.sh, and by the browser tests (tests/e2e/browser.mjs starts it as a child
// process with --port 0 and reads the URL from the line it prints, so keep that line's
// `served at URL`). The benchmarks in scripts/bench/ import startServer to serve other
// directories or other caching.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../www/', import.meta.url)));

/** The policy the page runs under: scripts, workers and wasm from this origin only. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts the server.
 * @param {{port?: number, host?: string, root?: string, cacheControl?: string}} options port 0
 *   picks a free port; cacheControl replaces `no-cache` (scripts/bench/cold-probe.mjs --no-store)
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export function startServer({ port = 8080, host = '127.0.0.1', root = ROOT, cacheControl = 'no-cache' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const etag = `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': cacheControl,
        ETag: etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      const missing = e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'ENOTDIR';
      res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ url: `http://${host}:${p}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
  const { url } = await startServer({ port });
  console.log(`clipmark is served at ${url.replace(/\/$/, '')}  (Ctrl+C to stop)`);
}
