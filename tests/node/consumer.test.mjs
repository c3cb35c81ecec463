// The npm package imported by name in a real bundler app (tests/consumer/, Vite), built,
// served over HTTP and loaded in headless Chromium: the seed post must render, with no
// console errors.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../e2e/helpers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const app = join(root, "tests/consumer");
const dist = join(app, "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  // Streaming compilation needs the exact MIME type.
  ".wasm": "application/wasm",
};

let server;
let browser;
let origin;

before(async () => {
  assert.ok(existsSync(join(root, "pkg/finews_reader_bg.wasm")), "build the package first: bash scripts/build.sh");
  const lock = join(app, "package-lock.json");
  const installed = join(app, "node_modules/.package-lock.json");
  if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, stdio: "inherit" });
  }
  execFileSync(join(app, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: app, stdio: "inherit" });

  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(dist, path === "/" ? "index.html" : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the Vite app renders the seed post from the finews-reader package", { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  const wasm = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(r.headers()["content-type"]));

  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "true", errors.join("\n"));

  assert.deepEqual(wasm, ["application/wasm"], "the bundled .wasm was fetched once, as application/wasm");
  const title = await page.textContent("article.finews-article > header > h1");
  assert.equal(title, "中国人寿江苏省分公司聚焦民生保障 助力提升人民群众幸福指数");
  const headings = await page.$$eval(".finews-body h2", (hs) => hs.map((h) => h.textContent));
  assert.equal(headings.length, 3, `${headings}`);
  assert.match(headings[0], /^以人民为中心/);
  assert.match(headings[1], /^聚焦服务品质/);
  assert.match(headings[2], /^关爱老年群体/);
  const toc = await page.$$eval("#toc a", (as) => as.map((a) => a.textContent));
  assert.deepEqual(toc, headings, "renderPost's toc matches the rendered headings");
  assert.equal(await page.locator("[style]").count(), 0, "no style attributes");
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
});
