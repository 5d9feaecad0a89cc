// Tiny loopback HTTP server for the editor page, the editor's dist files and local images.
// Loopback only: the sandbox has no other network, and the editor must not fetch anything remote.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.map': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.bmp': 'image/bmp', '.svg': 'image/svg+xml', '.tif': 'image/tiff', '.tiff': 'image/tiff',
};

// The page only loads the UMD bundle and its CSS; the bundle finds its chunks
// relative to its own URL (webpack "auto" publicPath), so the whole dist/ folder is served.
const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/lsf/css/main.css">
<script src="/dist/lsf/js/main.js"></script></head>
<body><div id="root" style="width:1200px;height:800px"></div></body></html>`;

/** Serves `distDir` under /dist/ and files registered with addFile() under /files/<n>/<name>. */
export async function startServer(distDir) {
  const files = new Map(); // url path -> absolute file path
  const notFound = [];     // reported by the harness: a missing chunk explains a blank editor
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = null;
    if (url === '/favicon.ico') { // Chromium asks for it; a 404 would show up as a console error
      res.writeHead(204);
      return res.end();
    }
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(PAGE);
    }
    if (url.startsWith('/dist/')) {
      const candidate = path.resolve(distDir, '.' + url.slice('/dist'.length));
      if (candidate.startsWith(distDir + path.sep)) file = candidate; // no ../ escapes
    } else if (files.has(url)) {
      file = files.get(url);
    }
    fs.stat(file ?? '', (err, st) => {
      if (err || !st.isFile()) {
        notFound.push(url);
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': st.size,
        // The 3 MB bundle is fixed: letting Chromium cache it (and its compiled code) speeds up later pages.
        'cache-control': url.startsWith('/dist/') ? 'public, max-age=3600' : 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    notFound,
    addFile(filePath) {
      const abs = path.resolve(filePath);
      if (!fs.existsSync(abs)) throw new Error(`image file not found: ${filePath}`);
      const urlPath = `/files/${files.size}/${encodeURIComponent(path.basename(abs))}`;
      files.set(decodeURIComponent(urlPath), abs);
      return origin + urlPath;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
