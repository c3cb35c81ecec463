// scripts/serve.mjs: mappings, MIME types, path safety, port fallback and the CLI.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serve } from "../../scripts/serve.mjs";
import { repo, requirePackage, samples } from "./helpers.mjs";

let server;
before(async () => {
  server = await serve({ port: 0 });
});
after(async () => {
  await server?.close();
});

/** A raw request: the path goes out exactly as written (no URL normalisation of ".."). */
function get(path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("listens on 127.0.0.1 and reports its URL", () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(server.port > 0);
});

test("/ serves www/ with the right MIME types", async () => {
  const index = await get("/");
  assert.equal(index.status, 200);
  assert.equal(index.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(index.body.toString(), readFileSync(join(repo, "www", "index.html"), "utf8"));
  assert.equal((await get("/app.js")).headers["content-type"], "text/javascript; charset=utf-8");
  assert.equal((await get("/style.css")).headers["content-type"], "text/css; charset=utf-8");
  const seed = await get("/samples/seed.md");
  assert.equal(seed.headers["content-type"], "text/markdown; charset=utf-8");
  assert.ok(seed.body.equals(readFileSync(join(samples, "seed.md"))), "served byte for byte (CRLF kept)");
  // Cross-origin isolation, for a fine-grained performance.now().
  assert.equal(index.headers["cross-origin-opener-policy"], "same-origin");
  assert.equal(index.headers["cross-origin-embedder-policy"], "credentialless");
});

test("/pkg/ serves the package build: application/wasm and text/javascript", async () => {
  requirePackage();
  const wasm = await get("/pkg/finews_reader_bg.wasm");
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers["content-type"], "application/wasm");
  assert.ok(wasm.body.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])), "a wasm module");
  assert.equal(Number(wasm.headers["content-length"]), wasm.body.length);
  const glue = await get("/pkg/finews_reader.js");
  assert.equal(glue.headers["content-type"], "text/javascript; charset=utf-8");
  const head = await get("/pkg/finews_reader_bg.wasm", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test("/corpus/ maps to the bundled sample posts", async () => {
  for (const name of ["seed.md", "nio.md", "steel.md", "untitled.md"]) {
    const res = await get(`/corpus/${name}`);
    assert.equal(res.status, 200, name);
    assert.equal(res.headers["content-type"], "text/markdown; charset=utf-8");
    assert.ok(res.body.equals(readFileSync(join(samples, name))), name);
  }
});

test("nothing outside the mounts is reachable", async () => {
  for (const path of [
    "/../package.json",
    "/..%2fpackage.json",
    "/corpus/..%2f..%2fpackage.json",
    "/pkg/..%2f..%2fetc%2fpasswd",
    "/%2e%2e/Cargo.toml",
    "/samples/seed.md%00.html",
    "/%E0%A4%A",
  ]) {
    const res = await get(path);
    assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
    assert.doesNotMatch(res.body.toString(), /finews-reader-workspace|\[package\]|root:/, path);
  }
  assert.equal((await get("/nope.md")).status, 404);
  assert.equal((await get("/", "POST")).status, 405);
  const dir = await get("/samples");
  assert.equal(dir.status, 301);
  assert.equal(dir.headers.location, "/samples/");
});

test("a busy port moves on to the next free one", async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const busy = blocker.address().port;
  const other = await serve({ port: busy });
  try {
    assert.ok(other.port > busy && other.port <= busy + 20, `${other.port} after ${busy}`);
    assert.equal(other.url, `http://127.0.0.1:${other.port}/`);
  } finally {
    await other.close();
    blocker.close();
  }
});

test("the CLI prints the URL it serves", async () => {
  const child = spawn(process.execPath, [join(repo, "scripts", "serve.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out);
      });
      child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
      setTimeout(() => reject(new Error("no URL printed within 5 s")), 5_000);
    });
    const url = line.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
    assert.ok(url, line);
    const res = await fetch(new URL("corpus/seed.md", url));
    assert.equal(res.status, 200);
  } finally {
    child.kill();
  }
});
