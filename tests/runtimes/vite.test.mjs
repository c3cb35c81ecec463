// The Vite app of tests/consumer/ (index.html, main.js, seed.md) in a fresh project with the
// packed package installed by name, built by the Vite of tests/consumer/ (pinned in its
// lockfile), served over HTTP on 127.0.0.1 and loaded in headless Chromium: the seed post
// must render, the .wasm Vite emitted must be fetched as application/wasm, no console errors.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../e2e/helpers.mjs";
import { assertSeed, project, repo, serveStatic } from "./helpers.mjs";

const consumer = join(repo, "tests/consumer");
const sources = ["index.html", "main.js", "seed.md"];

let site;
let server;
let browser;

before(async () => {
  const lock = join(consumer, "package-lock.json");
  const installed = join(consumer, "node_modules/.package-lock.json");
  if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: consumer, stdio: "inherit" });
  }
  site = project("vite", Object.fromEntries(sources.map((file) => [file, readFileSync(join(consumer, file))])));
  execFileSync(join(consumer, "node_modules/.bin/vite"), ["build", site.dir, "--logLevel", "warn"], { cwd: site.dir, stdio: "inherit" });
  server = await serveStatic(join(site.dir, "dist"));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

test("the Vite app renders the seed post from the installed tarball", { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  const wasm = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(r.headers()["content-type"]));

  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "true", errors.join("\n"));

  assert.deepEqual(wasm, ["application/wasm"], "the bundled .wasm was fetched once, as application/wasm");
  const headings = await page.$$eval(".finews-body h2", (hs) => hs.map((h) => h.textContent));
  const [code, market] = (await page.textContent("a.stock-chip")).split(".");
  assertSeed({ title: await page.textContent("article.finews-article > header > h1"), headings, chart: { code, market } });
  const toc = await page.$$eval("#toc a", (as) => as.map((a) => a.textContent));
  assert.deepEqual(toc, headings, "renderPost's toc matches the rendered headings");
  assert.equal(await page.locator("[style]").count(), 0, "no style attributes");
  assert.deepEqual(errors, [], "no console errors");
  await page.close();
});
