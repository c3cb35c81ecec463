// Memory in steady state, in Chromium: the corpus posts rendered 10,000 times must not grow the
// module's linear memory once warmed up, and a failed render must leave the module usable.
//
// Threshold: WebAssembly memory only grows (memory.grow; it never shrinks), so its byteLength is
// the high-water mark of the Rust heap. After a warm-up that has rendered every corpus post
// several times the allocator has seen the largest working set it will ever need; from then on
// any growth means memory is kept between renders (a leak), or fragments without bound. So the
// bar is exact: no growth at all between the warm-up and the end. Allowing even one 64 KiB page
// would let a leak of 6 bytes per render pass over the 9,500 renders measured, and a real
// fragmentation problem would not stop at one page either. The same holds for the externref
// table wasm-bindgen keeps JS values in (it only grows too): a leaked JS handle grows it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { repo, startHarness } from "./helpers.mjs";

// Every corpus post is a fixture (tests/fixtures/*/input.md), with the catalogue's shapes.
const CORPUS = resolve(repo, "tests", "fixtures");
const TOTAL = 10_000;
const WARM_UP = 500;
const BATCH = 500;

/** Every post (*.md) under the fixtures, sorted. */
function corpusPosts(dir = CORPUS) {
  const posts = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) posts.push(...corpusPosts(path));
    else if (entry.isFile() && entry.name.endsWith(".md") && entry.name !== "SOURCE.md") posts.push(path);
  }
  return posts.sort();
}

const PAGE = "__memory__/index.html";

let harness;
let page;
let errors;
before(async () => {
  harness = await startHarness();
  ({ page, errors } = await harness.open(null));
  await page.route(harness.url(PAGE), (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><meta charset="utf-8"><title>memory</title><body><div id="out"></div>`,
    }),
  );
  await page.goto(harness.url(PAGE));
  await page.evaluate(async () => {
    const pkg = await import("/pkg/finews_reader.js");
    // init() resolves to the module's exports: `memory` is its linear memory.
    const wasm = await pkg.default();
    window.__pkg = pkg;
    window.__wasm = wasm;
    window.__usage = () => ({ bytes: wasm.memory.buffer.byteLength, externrefs: wasm.__wbindgen_externrefs?.length ?? 0 });
  });
});
after(async () => {
  await harness?.close();
});

/** Renders `count` posts in the page, cycling through `posts` from `start`; returns the usage after. */
function renderMany(posts, start, count) {
  return page.evaluate(
    ({ posts, start, count }) => {
      const { renderPost } = window.__pkg;
      let characters = 0;
      for (let i = 0; i < count; i++) {
        const raw = posts[(start + i) % posts.length];
        const article = renderPost(raw);
        characters += article.html.length;
      }
      if (characters === 0) throw new Error("nothing rendered");
      return window.__usage();
    },
    { posts, start, count },
  );
}

test(`${TOTAL} renders of the corpus do not grow wasm memory after warm-up`, { timeout: 300_000 }, async () => {
  const files = corpusPosts();
  assert.ok(files.length >= 20, `the corpus at ${CORPUS} holds posts (${files.length} found)`);
  const posts = files.map((f) => readFileSync(f, "utf8"));

  const initial = await page.evaluate(() => window.__usage());
  const started = performance.now();
  let done = 0;
  const samples = [];
  let warm;
  while (done < TOTAL) {
    const count = Math.min(BATCH, TOTAL - done, done < WARM_UP ? WARM_UP - done : BATCH);
    const usage = await renderMany(posts, done, count);
    done += count;
    samples.push({ done, ...usage });
    if (done === WARM_UP) warm = usage;
  }
  const end = samples.at(-1);
  const seconds = (performance.now() - started) / 1000;
  console.log(`MEMORY posts=${posts.length} wasm_bytes_initial=${initial.bytes} externrefs_initial=${initial.externrefs}`);
  console.log(`MEMORY wasm_bytes_after_warmup=${warm.bytes} wasm_bytes_after_${TOTAL}=${end.bytes}`);
  console.log(
    `MEMORY externrefs_after_warmup=${warm.externrefs} externrefs_after_${TOTAL}=${end.externrefs} ` +
      `(${TOTAL} renders in ${seconds.toFixed(1)} s, ${((seconds * 1000) / TOTAL).toFixed(2)} ms each)`,
  );
  const growth = samples.filter((s) => s.done > WARM_UP && s.bytes !== warm.bytes).map((s) => `${s.done}: ${s.bytes}`);
  assert.equal(end.bytes, warm.bytes, `wasm memory grew after warm-up: ${growth.join(", ")}`);
  assert.equal(end.externrefs, warm.externrefs, "the externref table grew after warm-up");
  assert.deepEqual(errors, []);
});

test("a failed render leaves the module usable, and failures do not leak", { timeout: 120_000 }, async () => {
  const seed = readFileSync(join(CORPUS, "post-2021-12-23-NW202112232224415618", "input.md"), "utf8");
  const result = await page.evaluate((seed) => {
    const { renderPost, renderInto, parseFrontMatter } = window.__pkg;
    const outcome = (f) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return `${e instanceof Error ? "Error" : typeof e} ${e.code}`;
      }
    };
    const checks = {};
    checks.empty = outcome(() => renderPost(""));
    checks.afterEmpty = renderPost(seed).title;
    checks.invalidOptions = outcome(() => renderPost(seed, { stockCharts: "bogus" }));
    checks.afterInvalidOptions = renderPost(seed).title;
    checks.renderIntoInvalid = outcome(() => renderInto(document.getElementById("out"), seed, { stockCharts: "bogus" }));
    checks.afterRenderInto = renderInto(document.getElementById("out"), seed).title;
    checks.frontMatterAfter = parseFrontMatter(seed).title;
    // Failures in a loop, interleaved with renders: nothing is kept per failure.
    const before = window.__usage();
    for (let i = 0; i < 2000; i++) {
      outcome(() => renderPost(""));
      outcome(() => renderPost(seed, { stockCharts: "bogus" }));
      outcome(() => renderPost(seed, { limits: { maxInputBytes: 100 } }));
      if (i % 10 === 0) renderPost(seed);
    }
    checks.afterLoop = renderPost(seed).title;
    return { checks, before, after: window.__usage() };
  }, seed);
  const title = "中国人寿江苏省分公司聚焦民生保障 助力提升人民群众幸福指数";
  assert.deepEqual(result.checks, {
    empty: "Error empty",
    afterEmpty: title,
    invalidOptions: "Error invalid-options",
    afterInvalidOptions: title,
    renderIntoInvalid: "Error invalid-options",
    afterRenderInto: title,
    frontMatterAfter: title,
    afterLoop: title,
  });
  console.log(
    `MEMORY failures: wasm_bytes_before=${result.before.bytes} wasm_bytes_after_6000_failures=${result.after.bytes} ` +
      `externrefs_before=${result.before.externrefs} externrefs_after=${result.after.externrefs}`,
  );
  assert.equal(result.after.bytes, result.before.bytes, "failed renders grew wasm memory");
  assert.equal(result.after.externrefs, result.before.externrefs, "failed renders grew the externref table");
  assert.deepEqual(errors, []);
});

test("the measure sees a leak (canary: 64 bytes kept per call, 20,000 calls)", async () => {
  const { before, after: afterLeak } = await page.evaluate(() => {
    const before = window.__usage();
    // Runs last: the allocations stay (the page is closed right after).
    for (let i = 0; i < 20_000; i++) window.__wasm.__wbindgen_malloc(64, 1);
    return { before, after: window.__usage() };
  });
  assert.ok(afterLeak.bytes > before.bytes, `${afterLeak.bytes} > ${before.bytes}`);
});
