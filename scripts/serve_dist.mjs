// Serves dist/ as a production host would (gzip, wasm's MIME type, long caching for
// hashed files, none for index.html and sw.js), so `make lighthouse` measures what
// learners download. Usage: node scripts/serve_dist.mjs PORT [DIR]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const port = Number(process.argv[2] || 8090);
const root = process.argv[3] || "dist";
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml",
  ".json": "application/json", ".webmanifest": "application/manifest+json",
};
const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://host").pathname);
  const relative = normalize(path === "/" ? "index.html" : path.slice(1));
  if (relative.startsWith("..")) return void response.writeHead(403).end();
  try {
    const body = await readFile(join(root, relative));
    const headers = {
      "Content-Type": types[extname(relative)] || "application/octet-stream",
      "Cache-Control": hashed.test(relative) ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (/\bgzip\b/.test(request.headers["accept-encoding"] || "")) {
      response.writeHead(200, { ...headers, "Content-Encoding": "gzip" }).end(gzipSync(body, { level: 9 }));
    } else {
      response.writeHead(200, headers).end(body);
    }
  } catch {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1");
