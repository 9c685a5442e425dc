// A tiny static file server for dist/, bound to loopback only.
//
// Used by the browser tests (imported, ephemeral port) and by `make serve`
// (run as `node serve.mjs DIR [PORT]`). It exists so that .wasm is served as
// application/wasm without depending on any particular Python or Trunk.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on `host:port` (port 0 = any free port).
 * Resolves to { server, url } once listening.
 */
export function serve(dir, port = 0, host = "127.0.0.1") {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ server, url: `http://${host}:${p}/` });
    });
  });
}

// Command line: node serve.mjs DIR [PORT]
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [dir = "dist", port = "8080"] = process.argv.slice(2);
  let started;
  try {
    started = await serve(dir, Number(port));
  } catch (e) {
    if (e.code !== "EADDRINUSE") throw e;
    console.error(`port ${port} is in use; using a free port instead`);
    started = await serve(dir, 0);
  }
  console.log(`公开核对 is being served from ${resolve(dir)}`);
  console.log(`Open ${started.url} in a browser (Ctrl-C to stop).`);
}
