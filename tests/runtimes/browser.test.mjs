// The packed package installed by name in a fresh project, in headless Chromium over HTTP on
// 127.0.0.1, with no bundler: a page with an import map (apps/browser/index.html) and a module
// Web Worker (apps/worker/worker.js). The page also checks the errors at the boundary.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "../e2e/helpers.mjs";
import { app, assertArticle, assertSeed, project, seed, serveStatic } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Serves a fresh project with `files` and opens a page that records errors. */
async function open(name, files) {
  const site = project(name, { "seed.md": seed, ...files });
  const server = await serveStatic(site.dir);
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  const wasm = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push([r.status(), r.headers()["content-type"]]));
  return {
    page,
    errors,
    wasm,
    url: (path) => `${server.origin}/${path}`,
    async close() {
      await page.close();
      await server.close();
      site.remove();
    },
  };
}

test("a page with <script type=module> and an import map renders the seed", { timeout: 120_000 }, async () => {
  const site = await open("browser", { "index.html": app("browser/index.html") });
  try {
    await site.page.goto(site.url("index.html"));
    await site.page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    const chip = await site.page.textContent("a.stock-chip");
    const [code, market] = chip.split(".");
    assertSeed({
      title: await site.page.textContent("article.finews-article > header > h1"),
      headings: await site.page.$$eval(".finews-body h2", (hs) => hs.map((h) => h.textContent)),
      chart: { code, market },
    });
    assert.deepEqual(site.wasm, [[200, "application/wasm"]], "the .wasm beside index.js, fetched once");
    assert.deepEqual(site.errors, []);
  } finally {
    await site.close();
  }
});

test("in Chromium: not-initialized before init, init-failed on a bad path or bytes", { timeout: 120_000 }, async () => {
  const importMap = '<script type="importmap">{ "imports": { "finews-reader": "./node_modules/finews-reader/index.js" } }</script>';
  const site = await open("browser-errors", { "errors.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">${importMap}` });
  try {
    await site.page.goto(site.url("errors.html"));
    const result = await site.page.evaluate(async () => {
      const { default: init, renderPost, initSync } = await import("finews-reader");
      const caught = async (fn) => {
        try {
          await fn();
        } catch (error) {
          return { isError: error instanceof Error, code: error.code, message: error.message, cause: String(error.cause) };
        }
        return null;
      };
      return {
        before: await caught(() => renderPost("x")),
        path: await caught(() => init({ module_or_path: "missing.wasm" })),
        bytes: await caught(() => init({ module_or_path: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) })),
        sync: await caught(() => initSync({ module: new Uint8Array([1, 2, 3]) })),
        stillBefore: await caught(() => renderPost("x")),
        loaded: await init().then(() => renderPost("# 标题\n\n正文。").html),
      };
    });
    assert.equal(result.before.isError, true);
    assert.equal(result.before.code, "not-initialized");
    assert.match(result.before.message, /`await init\(\)`/);
    assert.equal(result.path.code, "init-failed");
    assert.match(result.path.cause, /404/);
    assert.equal(result.bytes.code, "init-failed");
    assert.match(result.bytes.cause, /CompileError/);
    assert.equal(result.sync.code, "init-failed");
    assert.equal(result.stillBefore.code, "not-initialized", "a failed init leaves it unloaded");
    assert.match(result.loaded, /正文/, "init() afterwards works");
    assert.deepEqual(site.errors.filter((e) => !/404/.test(e)), [], "only the missing .wasm's 404");
  } finally {
    await site.close();
  }
});

test("a module Web Worker renders the seed", { timeout: 120_000 }, async () => {
  const site = await open("worker", {
    "worker.js": app("worker/worker.js"),
    "index.html": '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">',
  });
  try {
    await site.page.goto(site.url("index.html"));
    const article = await site.page.evaluate(async (raw) => {
      const worker = new Worker("worker.js", { type: "module" });
      const reply = new Promise((done, fail) => {
        worker.onmessage = (event) => done(event.data);
        worker.onerror = (event) => fail(new Error(event.message));
      });
      worker.postMessage(raw);
      return reply;
    }, seed);
    assertArticle(article);
    assert.deepEqual(site.wasm, [[200, "application/wasm"]]);
    assert.deepEqual(site.errors, []);
  } finally {
    await site.close();
  }
});
