// Shared set-up of the per-runtime tests: the package as a user gets it (`npm pack` of pkg/,
// packed once per build), a fresh temporary project per runtime with the tarball installed
// by name, a static HTTP server on 127.0.0.1, workerd on a socket opened here, and the
// checks every runtime must pass on the seed post.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const bin = (name) => join(repo, "node_modules", ".bin", name);
export const seedFile = join(repo, "tests", "consumer", "seed.md");
export const seed = readFileSync(seedFile, "utf8");
export const SEED_TITLE = "中国人寿江苏省分公司聚焦民生保障 助力提升人民群众幸福指数";

/**
 * The tarball of pkg/ (`npm pack`), made once per build: the next test file reuses it while
 * pkg/'s contents are the same (the directory is named by their hash).
 */
export function tarball() {
  const pkg = join(repo, "pkg");
  assert.ok(existsSync(join(pkg, "finews_reader_bg.wasm")), "build the package first: bash scripts/build.sh");
  const hash = createHash("sha256");
  for (const file of readdirSync(pkg).sort()) {
    hash.update(file);
    hash.update(readFileSync(join(pkg, file)));
  }
  const dir = join(tmpdir(), `finews-reader-pack-${hash.digest("hex").slice(0, 16)}`);
  const done = join(dir, "tarball");
  if (existsSync(done)) return join(dir, readFileSync(done, "utf8"));
  // Pack beside, then rename: a half-written directory is never taken for a packed one.
  const work = mkdtempSync(join(tmpdir(), "finews-reader-packing-"));
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work, pkg], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
  );
  writeFileSync(join(work, "tarball"), packed.filename);
  // Earlier builds' tarballs are stale: remove them (never the one in use, named by this hash).
  for (const old of readdirSync(tmpdir()).filter((name) => name.startsWith("finews-reader-pack-"))) {
    rmSync(join(tmpdir(), old), { recursive: true, force: true });
  }
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another run packed it meanwhile
  }
  return join(dir, packed.filename);
}

/**
 * A fresh project in a temporary directory with the tarball installed as a dependency (from
 * the local file: no registry needed), plus `files` ({ name: contents }). `remove()` deletes it.
 */
export function project(name, files = {}) {
  const dir = mkdtempSync(join(tmpdir(), `finews-reader-${name}-`));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: `try-${name}`, private: true, type: "module" }, null, 2)}\n`);
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball()], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const installed = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies;
  assert.match(installed["finews-reader"], /^file:.*finews-reader-[\d.]+\.tgz$/, "installed from the tarball");
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), contents);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A file of tests/runtimes/apps/ (the code each runtime runs, shown in the README). */
export function app(path) {
  return readFileSync(join(repo, "tests", "runtimes", "apps", path), "utf8");
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  // Streaming compilation needs the exact MIME type.
  ".wasm": "application/wasm",
};

/** Serves `root` statically on 127.0.0.1 (a free port); `{ origin, close() }`. */
export async function serveStatic(root) {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      path = "\0";
    }
    const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (path.includes("\0") || !file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Runs a command to its end; its stdout, or an assertion error with its stderr. */
export function run(command, args, options) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (status) =>
      status === 0 ? done(stdout) : fail(new Error(`${command} ${args.join(" ")} exited with ${status}:\n${stderr}${stdout}`)),
    );
  });
}

/**
 * workerd serving `config` (a .capnp file whose socket is named "http"; more `args` and
 * `env` for it) on a socket opened
 * here and handed over: it is listening before workerd starts, so requests wait in its
 * backlog, never for a fixed time. `{ origin, stderr(), close() }`.
 */
export async function startWorkerd(config, { args = [], env = {} } = {}) {
  const socket = createTcpServer();
  await new Promise((done) => socket.listen({ host: "127.0.0.1", port: 0, backlog: 64 }, done));
  const { port } = socket.address();
  const fd = socket._handle.fd; // NOTE: Unix only; what `--socket-fd` takes
  assert.ok(Number.isInteger(fd) && fd > 2, "the listening socket has a descriptor");
  const child = spawn(bin("workerd"), ["serve", config, "--socket-fd", "http=3", ...args], {
    stdio: ["ignore", "ignore", "pipe", fd],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((done) => child.on("exit", done));
  socket.close(); // the parent's copy; workerd keeps its own
  return {
    origin: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async close() {
      child.kill();
      await exited;
    },
  };
}

/** The `<h2>` texts of an HTML string (the seed's headings carry no markup inside). */
export function h2s(html) {
  return [...html.matchAll(/<h2\b[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
}

/** What every runtime must produce from the seed: the title, three sections, the chart's security. */
export function assertSeed({ title, headings, chart }) {
  assert.equal(title, SEED_TITLE);
  assert.equal(headings.length, 3, `three <h2>: ${headings}`);
  assert.match(headings[0], /^以人民为中心/);
  assert.match(headings[1], /^聚焦服务品质/);
  assert.match(headings[2], /^关爱老年群体/);
  assert.deepEqual(chart, { code: "601628", market: "SH" }, "the K-line chart's security");
}

/** An Article's checks (Node, Deno, Bun, a Web Worker, workerd: the object itself). */
export function assertArticle(article) {
  const chart = article.stocks.find((s) => s.from === "chart");
  assertSeed({ title: article.title, headings: h2s(article.html), chart: chart && { code: chart.code, market: chart.market } });
  assert.doesNotMatch(article.html, /<script|GetPic\.aspx|style=/);
}
