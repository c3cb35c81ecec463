// `npm run bench:archive-view [-- --posts 5000,40000 --work DIR]`: the archive view of www/
// in headless Chromium over archives generated from the fixtures, opened as files. For each
// size: time to first list, time to the full list, time to fully indexed and the longest
// main-thread task (PerformanceObserver "longtask"; the longest event-loop stall as a
// fallback), for the page (wasm, rendering in its worker) and, in the same run, for the JS
// peer pipeline of ../shared/bench (gray-matter → marked → DOMParser → clean → DOMPurify →
// format → pangu) doing the same indexing. The peer needs DOMParser, which workers lack, so
// it indexes on the main thread, in slices of ~8 ms that yield between them. Prints a
// Markdown table with the ratios; saves docs/archive-view.png (a security filter on).
// Not part of `npm test`.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateArchive, launchChromium, repo, requirePackage } from "../tests/e2e/helpers.mjs";
import { serve } from "./serve.mjs";

const { values } = parseArgs({ options: { posts: { type: "string", default: "5000,40000" }, work: { type: "string" } } });
const sizes = values.posts.split(",").map(Number);
const bench = resolve(repo, "../shared/bench");

function fail(message) {
  console.error(`bench-archive-view: ${message}`);
  process.exit(1);
}

if (!existsSync(join(bench, "lib/pipeline.mjs"))) {
  fail(`the JS peer pipeline is missing: expected ../shared/bench (${bench}) with lib/pipeline.mjs; see its README`);
}
requirePackage();
const { workDir, depsFrom } = await import(pathToFileURL(join(bench, "lib/deps.mjs")).href);
const { esbuildOptions } = await import(pathToFileURL(join(bench, "lib/build-browser.mjs")).href);
const work = workDir(values.work);
try {
  await depsFrom(work);
} catch (err) {
  fail(`the JS peer's npm dependencies are missing: ${err.message}`);
}

// ---- The peer's page: the same list (www/archive/list.js), the peer's renders. ----

const dir = mkdtempSync(join(tmpdir(), "finews-archive-view-"));
const peerDir = join(dir, "peer");
mkdirSync(peerDir);
writeFileSync(
  join(peerDir, "entry.mjs"),
  `import matter from "gray-matter";
import { marked } from "marked";
import DOMPurify from "dompurify";
import pangu from "pangu/browser";
import { makeJsPipeline, normalizeRaw, jekyllDateToIso } from ${JSON.stringify(join(bench, "lib/pipeline.mjs"))};
const parser = new DOMParser();
export const pipeline = makeJsPipeline("js-native", {
  matter, DOMPurify, markdown: (s) => marked.parse(s, { async: false }),
  parseHTML: (html) => parser.parseFromString(html, "text/html"),
  spacingText: (s) => pangu.spacingText(s), now: () => performance.now(),
});
/** The listing from the front matter alone, as the page's parseFrontMatter gives it. */
export function frontMatter(raw) {
  const { data } = matter(normalizeRaw(raw), {});
  const list = (v) => (Array.isArray(v) ? v.map(String) : v == null ? [] : String(v).split(/\\s+/).filter(Boolean));
  return { title: data.title == null ? "" : String(data.title), date: jekyllDateToIso(data.date), categories: list(data.categories), tags: list(data.tags) };
}
`,
);
const esbuild = await import("esbuild");
await esbuild.build({ ...esbuildOptions(work), entryPoints: [join(peerDir, "entry.mjs")], outfile: join(peerDir, "peer.js"), logLevel: "warning" });
writeFileSync(
  join(peerDir, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>peer</title><input type="file" id="file-input" multiple><div id="archive-list" style="height:22rem;overflow:auto;position:relative"></div><script type="module" src="page.js"></script>`,
);
writeFileSync(
  join(peerDir, "page.js"),
  `import { pipeline, frontMatter } from "./peer.js";
import { VirtualList } from "/archive/list.js";
const d = document.body.dataset;
const list = new VirtualList(document.getElementById("archive-list"), { onOpen() {}, onStock() {}, formatDay: (e) => e.date?.slice(0, 10) ?? "" });
// A message, not setTimeout(0): nested timeouts are clamped to 4 ms, which would idle the peer.
const yieldNow = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
document.getElementById("file-input").addEventListener("change", async (event) => {
  const files = [...event.target.files];
  Object.assign(d, { archive: "listing", archiveListed: 0, archiveRendered: 0 });
  const entries = [];
  const raws = [];
  // List: read and parse the front matter of every post, drawing as the listing grows.
  let slice = performance.now();
  for (const [id, file] of files.entries()) {
    raws[id] = await file.text();
    const fm = frontMatter(raws[id]);
    entries[id] = { id, path: file.name, ...fm, source: null, excerpt: "", stocks: [], time: fm.date ? Date.parse(fm.date) : -Infinity };
    if (performance.now() - slice > 100 || id === files.length - 1) {
      const ids = entries.filter(Boolean).sort((a, b) => b.time - a.time).map((e) => e.id);
      list.show(entries, ids);
      d.archiveListed = ids.length;
      slice = performance.now();
    }
  }
  d.archive = "indexing";
  // Index: render every post, keeping its text for search, in slices of ~8 ms.
  const texts = [];
  slice = performance.now();
  for (let id = 0; id < raws.length; id++) {
    try {
      const { out } = pipeline.run(raws[id]);
      texts[id] = (out.meta.title + "\\n" + out.html.replace(/<[^>]*>/g, "")).toLowerCase();
      Object.assign(entries[id], { source: out.meta.source ?? null, stocks: (out.meta.stocks ?? []).map((s) => ({ market: String(s.market ?? ""), code: String(s.code ?? s), name: null })) });
    } catch {
      texts[id] = "";
    }
    if (performance.now() - slice > 8) {
      d.archiveRendered = id + 1;
      await yieldNow();
      slice = performance.now();
    }
  }
  d.archiveRendered = raws.length;
  d.archive = "indexed";
});
d.ready = "true";
`,
);

// ---- Measuring one page. ----

/** Installed before the page's scripts: long tasks, the longest stall, and the moments. */
function instrument() {
  const b = (window.__bench = { longtasks: [], maxGap: 0, moments: {}, start: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {
    b.noLongtask = true;
  }
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (b.start != null && b.moments.indexed == null && now - last - 10 > b.maxGap) b.maxGap = now - last - 10;
    last = now;
  }, 10);
  addEventListener(
    "change",
    () => {
      // From here: the stall of setting 5,000 files on the input is the harness's, not the page's.
      b.start ??= performance.now();
      last = b.start;
    },
    true,
  );
  addEventListener("DOMContentLoaded", () => {
    new MutationObserver(() => {
      const d = document.body.dataset;
      if (b.start == null) return;
      const at = performance.now() - b.start;
      if (!b.moments.firstList && Number(d.archiveListed) > 0 && document.querySelector(".archive-row")) b.moments.firstList = at;
      if (!b.moments.fullList && Number(d.archiveListed) === b.total) b.moments.fullList = at;
      if (!b.moments.indexed && d.archive === "indexed" && Number(d.archiveRendered) === b.total) b.moments.indexed = at;
    }).observe(document.body, { attributes: true, subtree: true, childList: true });
  });
}

async function measure(browser, url, paths, { before, after } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  // The articles' remote photos cannot load here (no network): not the bench's concern.
  page.on("console", (msg) => msg.type() === "error" && !/^Failed to load resource/.test(msg.text()) && errors.push(msg.text()));
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  await before?.(page);
  await page.evaluate((n) => (window.__bench.total = n), paths.length);
  await page.locator("#file-input").setInputFiles(paths);
  await page.waitForFunction(() => window.__bench.moments.indexed != null, null, { timeout: 900_000, polling: 250 });
  const result = await page.evaluate(() => {
    const b = window.__bench;
    // While the archive lists and indexes: what the page does once indexed (the wasm page
    // opens the newest post) is not indexing.
    const end = b.start + b.moments.indexed;
    const after = b.longtasks.filter(([start]) => start >= b.start && start < end).map(([, d]) => d);
    return { ...b.moments, longest: after.length ? Math.max(...after) : 0, longtasks: after.length, maxGap: b.maxGap, noLongtask: !!b.noLongtask };
  });
  await after?.(page);
  await context.close();
  if (errors.length) fail(`${url}: ${errors.join("; ")}`);
  return result;
}

const server = await serve({ port: 0, mounts: [["/bench-peer/", peerDir]] });
const browser = await launchChromium();
const rows = [];
try {
  for (const size of sizes) {
    const postsDir = join(dir, `posts-${size}`);
    mkdirSync(postsDir);
    const paths = generateArchive(size).map((post) => {
      const path = join(postsDir, post.name);
      writeFileSync(path, post.text);
      return path;
    });
    console.error(`bench-archive-view: ${size} posts`);
    const wasm = await measure(browser, server.url, paths, {
      before: (page) => page.waitForFunction(() => document.body.dataset.archive === "indexed"),
      after: size === sizes[0] ? screenshotWithFilter : undefined,
    });
    console.error(`  wasm (worker): ${JSON.stringify(wasm)}`);
    const peer = await measure(browser, new URL("bench-peer/", server.url).href, paths);
    console.error(`  JS peer (main thread): ${JSON.stringify(peer)}`);
    rows.push({ size, wasm, peer });
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** docs/archive-view.png: the archive with a security's page open, as the README shows it. */
async function screenshotWithFilter(page) {
  const chip = page.locator("#archive-list .chip.stock").first();
  await chip.click();
  await page.waitForFunction(() => !document.getElementById("archive-stock-page").hidden);
  await page.locator("#archive-list .archive-row").first().click();
  await page.waitForFunction(() => !document.getElementById("archive-nav").hidden);
  await page.evaluate(() => scrollTo(0, 0));
  mkdirSync(join(repo, "docs"), { recursive: true });
  await page.screenshot({ path: join(repo, "docs", "archive-view.png") });
}

const ms = (v) => (v == null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const ratio = (peer, wasm) => (wasm > 0 ? `${(peer / wasm).toFixed(1)}×` : "—");
const longest = (r) => Math.max(r.longest, 0);
console.log(`| posts | | time to first list | time to full list | time to fully indexed | longest main-thread task (longtask) | longest stall (fallback) |`);
console.log(`| ---: | --- | ---: | ---: | ---: | ---: | ---: |`);
for (const { size, wasm, peer } of rows) {
  const n = size.toLocaleString("en-US");
  console.log(`| ${n} | **ratio JS peer / wasm** | **${ratio(peer.firstList, wasm.firstList)}** | **${ratio(peer.fullList, wasm.fullList)}** | **${ratio(peer.indexed, wasm.indexed)}** | **${ratio(longest(peer), longest(wasm))}** | **${ratio(peer.maxGap, wasm.maxGap)}** |`);
  console.log(`| ${n} | wasm, rendering in the worker | ${ms(wasm.firstList)} | ${ms(wasm.fullList)} | ${ms(wasm.indexed)} | ${ms(longest(wasm))} (${wasm.longtasks} tasks > 50 ms) | ${ms(wasm.maxGap)} |`);
  console.log(`| ${n} | JS peer, main thread in 8 ms slices | ${ms(peer.firstList)} | ${ms(peer.fullList)} | ${ms(peer.indexed)} | ${ms(longest(peer))} (${peer.longtasks} tasks > 50 ms) | ${ms(peer.maxGap)} |`);
}
