// The package's handwritten entries (js/ → pkg/index.js, node.js, workerd.js) over
// wasm-bindgen's glue: each covers every export of the glue, and the errors at the boundary
// (a call before init, a failed init) are `Error`s with a code, a message that says what to
// do, and the cause. Node loads pkg/node.js here; tests/runtimes/ runs the packed tarball.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { rejection, thrown } from "./throws.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const seed = readFileSync(new URL("../consumer/seed.md", import.meta.url), "utf8");
const glue = await import(new URL("finews_reader.js", pkg));
const node = await import(new URL("node.js", pkg));

/**
 * The export names of an entry, read from its source (workerd.js imports a .wasm: Node cannot
 * load it): what it re-exports of api.js (all but api.js's default, `makeInit`) and its default.
 */
async function exportsOf(source) {
  const names = [];
  if (/^export \* from "\.\/api\.js";$/m.test(source)) {
    names.push(...Object.keys(await import(new URL("api.js", pkg))).filter((name) => name !== "default"));
  }
  if (/^export default /m.test(source)) names.push("default");
  return names.sort();
}

test("every entry exports exactly what the glue exports", async () => {
  const names = Object.keys(glue).sort();
  assert.ok(names.includes("renderPost") && names.includes("default") && names.includes("initSync"), `${names}`);
  assert.deepEqual(Object.keys(node).sort(), names, "node.js");
  assert.deepEqual(Object.keys(await import(new URL("index.js", pkg))).sort(), names, "index.js");
  for (const entry of ["index.js", "node.js", "workerd.js"]) {
    assert.deepEqual(await exportsOf(readFileSync(new URL(entry, pkg), "utf8")), names, `${entry} source`);
  }
});

test("before init, every function throws not-initialized and says to await init()", async () => {
  const calls = {
    renderPost: () => node.renderPost(seed),
    renderInto: () => node.renderInto(null, seed),
    parseFrontMatter: () => node.parseFrontMatter(seed),
    formatDate: () => node.formatDate("2021-12-23T19:17:04+08:00"),
    renderPage: () => node.renderPage(seed),
    archivePost: () => node.archivePost("seed.md", seed, false),
    version: () => node.version(),
  };
  const guarded = Object.keys(glue).filter((name) => !["default", "initSync"].includes(name));
  assert.deepEqual([...Object.keys(calls), "loadPost"].sort(), guarded.sort(), "every function of the glue is called here");
  for (const [name, call] of Object.entries(calls)) {
    const error = thrown(call);
    assert.ok(error instanceof Error, name);
    assert.equal(error.code, "not-initialized", name);
    assert.match(error.message, new RegExp(`${name}\\(\\) was called before`));
    assert.match(error.message, /`await init\(\)` \(or call `initSync\(\{ module \}\)`\) first/);
  }
  // A promise rejects rather than throws.
  const error = await rejection(node.loadPost("http://127.0.0.1:9/post.md"));
  assert.equal(error.code, "not-initialized");
});

test("init with a bad path, bytes or module rejects with init-failed and the cause", async () => {
  const missing = await rejection(node.default("/nonexistent/finews_reader_bg.wasm"));
  assert.equal(missing.code, "init-failed");
  assert.equal(missing.cause.code, "ENOENT");
  assert.match(missing.message, /could not be loaded: ENOENT/);

  const bytes = await rejection(node.default({ module_or_path: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) }));
  assert.equal(bytes.code, "init-failed");
  assert.ok(bytes.cause instanceof WebAssembly.CompileError, String(bytes.cause));

  const sync = thrown(() => node.initSync({ module: 42 }));
  assert.equal(sync.code, "init-failed");
  assert.ok(sync.cause instanceof TypeError, String(sync.cause));

  // A module that is not ours: its imports do not match the glue's.
  const other = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 7, 1, 1, 120, 1, 121, 0, 0]));
  const foreign = thrown(() => node.initSync({ module: other }));
  assert.equal(foreign.code, "init-failed");
  assert.ok(foreign.cause instanceof WebAssembly.LinkError || foreign.cause instanceof TypeError, String(foreign.cause));

  assert.equal(thrown(() => node.renderPost(seed)).code, "not-initialized", "a failed init leaves it unloaded");
});

test("init() with no argument reads the .wasm beside node.js; again resolves at once", async () => {
  const output = await node.default();
  assert.ok(output.memory instanceof WebAssembly.Memory);
  const article = node.renderPost(seed);
  assert.equal(article.title, "中国人寿江苏省分公司聚焦民生保障 助力提升人民群众幸福指数");
  assert.equal(await node.default(), output, "a second init() is the same instance");
  assert.equal(await node.default("/nonexistent.wasm"), output, "once loaded, init() loads nothing more");
  assert.equal(node.version(), JSON.parse(readFileSync(new URL("package.json", pkg), "utf8")).version);
  // The same state behind every entry: index.js is loaded too.
  const index = await import(new URL("index.js", pkg));
  assert.equal(index.parseFrontMatter(seed).title, article.title);
});
