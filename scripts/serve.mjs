// Static server for the www/ harness: Node standard library only, so `npm start` needs no deps.
//   /          → www/
//   /pkg/      → pkg/            (the web-target build of the package)
//   /corpus/   → www/samples/    (the sample posts bundled with the page)
// Usage: node scripts/serve.mjs [--port N]   (default 8080, or the next free port)
// Tests import { serve } and start it in-process on port 0; `mounts` adds folders of their
// own (a generated archive under /gen/, say).
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

// Longest prefix first; extra mounts before the built-in ones.
function mounts(root, extra = []) {
  return [
    ...extra,
    ["/pkg/", join(root, "pkg")],
    ["/corpus/", join(root, "www", "samples")],
    ["/", join(root, "www")],
  ];
}

function resolvePath(root, urlPath, extra) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes("\0")) return null;
  for (const [prefix, dir] of mounts(root, extra)) {
    if (!path.startsWith(prefix)) continue;
    const file = resolve(dir, "." + path.slice(prefix.length - 1));
    // resolve() collapses "..": anything that lands outside the mount is refused.
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

async function handle(root, extra, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
  const { pathname } = new URL(req.url, "http://localhost");
  let file = resolvePath(root, pathname, extra);
  if (!file) return send(res, 403, "forbidden\n");
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith("/")) {
      res.writeHead(301, { location: pathname + "/" });
      return res.end();
    }
    file = join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    const hint = pathname.startsWith("/pkg/") ? " (build the package first: bash scripts/build.sh)" : "";
    return send(res, 404, `not found: ${pathname}${hint}\n`);
  }
  res.writeHead(200, {
    "content-type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": info.size,
    "x-content-type-options": "nosniff",
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs, so
    // the page's render time is meaningful; "credentialless" still lets the article's
    // cross-origin images load.
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "credentialless",
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

function listen(server, port, host) {
  return new Promise((resolveListen, reject) => {
    const onError = (err) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolveListen();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. With a busy `port` it tries the next ones (up to 20); port 0 picks any.
 * `mounts`: extra `[prefix, folder]` pairs, such as `["/gen/", dir]`.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve({ port = 8080, host = "127.0.0.1", root = repoRoot, mounts: extra = [] } = {}) {
  const server = createServer((req, res) => {
    handle(root, extra, req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, `${err.message}\n`);
      else res.destroy();
    });
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, port === 0 ? 0 : port + attempt, host);
      break;
    } catch (err) {
      if (err.code !== "EADDRINUSE" || port === 0 || attempt >= 19) throw err;
    }
  }
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: invalid port ${process.argv[i + 1] ?? process.env.PORT}`);
    process.exit(2);
  }
  const { url } = await serve({ port });
  console.log(`finews-reader demo: ${url}  (Ctrl+C to stop)`);
}
