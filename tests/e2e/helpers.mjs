// Shared set-up of the end-to-end tests: the in-process server, headless Chromium, and a page
// that records console errors and never touches the network outside the test server.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const samples = join(repo, "www", "samples");
export const screenshots = join(repo, "target", "screenshots");

export const SEED_TITLE = "中国人寿江苏省分公司聚焦民生保障 助力提升人民群众幸福指数";
export const NIO_TITLE = "国内首次！蔚来汽车启用这款“绿色”制冷液 哪些A股公司早有布局？";

/** Fails with a message that says what to do, instead of a blank page and a timeout. */
export function requirePackage() {
  const glue = join(repo, "pkg", "finews_reader.js");
  if (!existsSync(glue) || !existsSync(join(repo, "pkg", "finews_reader_bg.wasm"))) {
    throw new Error(`${glue} is missing: build the package first (bash scripts/build.sh --dev, or npm test)`);
  }
}

// A grey placeholder for the article's remote photos: the tests run offline, and a failed
// image load would show up as a console error.
const PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450"><rect width="800" height="450" fill="#c9ced6"/><path d="M0 450 260 190 420 340 560 230 800 450Z" fill="#aab1bb"/><circle cx="610" cy="120" r="46" fill="#e3e6ea"/></svg>`;

/**
 * Debian's Chromium, headless, as root, with nothing reaching for the network (the
 * machine's network is closed: background requests would only be refused, noisily).
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Starts the server on a free port and Chromium; `close()` stops both. `mounts`: see serve(). */
export async function startHarness({ mounts } = {}) {
  requirePackage();
  const server = await serve({ port: 0, mounts });
  // Playwright gives every launch a fresh temporary profile.
  const browser = await launchChromium();
  return {
    server,
    browser,
    url: (path = "") => new URL(path, server.url).href,
    /**
     * A fresh context and page. `errors` collects console errors, page errors and failed
     * requests; the test asserts it is empty at the end.
     */
    async open(path = "", contextOptions = {}) {
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      const errors = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
      });
      page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
      // A 404 (a favicon, a stylesheet) is a console error in a real browser, if not here.
      page.on("response", (res) => {
        if (res.status() >= 400) errors.push(`response ${res.status()}: ${res.url()}`);
      });
      page.on("requestfailed", (req) => {
        // Aborted image loads when a re-render replaces the article are not failures.
        if (req.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`requestfailed: ${req.url()}`);
      });
      await page.route(
        (url) => url.origin !== new URL(server.url).origin,
        (route) =>
          route.request().resourceType() === "image"
            ? route.fulfill({ status: 200, contentType: "image/svg+xml", body: PLACEHOLDER })
            : route.abort(),
      );
      if (path != null) {
        await page.goto(new URL(path, server.url).href);
        await ready(page);
      }
      return { page, context, errors };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The page sets body[data-ready] once the first post has rendered (or failed). */
export async function ready(page) {
  await page.waitForSelector("body[data-ready]", { timeout: 15_000 });
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

// ---- Generated archives: thousands of distinct posts made from the fixtures. ----

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---/;
const TITLE = /^title: "(.*)"[ \t]*$/m;
const DATE = /^date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d( \+0800)?[ \t]*$/m;

/** The fixtures a generated archive is made of: those with a quoted title and a plain date. */
export function archiveFixtures() {
  const dir = join(repo, "tests", "fixtures");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "input.md")))
    .map((d) => ({ name: d.name, text: readFileSync(join(dir, d.name, "input.md"), "utf8") }))
    .filter(({ text }) => {
      const head = text.match(FRONT_MATTER)?.[1] ?? "";
      return TITLE.test(head) && DATE.test(head);
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

/**
 * `count` distinct posts: post i is fixture i mod the fixtures, titled "〔i〕 title" and
 * dated i hours after 2021-01-01 00:00 +0800. Each: { name, text, fixture, title, day }.
 */
export function generateArchive(count, fixtures = archiveFixtures()) {
  const start = Date.UTC(2021, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const fixture = fixtures[i % fixtures.length];
    const t = new Date(start + i * 3_600_000); // read in UTC: the wall time of +0800
    const day = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    const date = `${day} ${pad(t.getUTCHours())}:00:00 +0800`;
    const [head] = fixture.text.match(FRONT_MATTER);
    const original = head.match(TITLE)[1];
    const title = `〔${i}〕 ${original}`;
    const newHead = head.replace(TITLE, `title: "${title}"`).replace(DATE, `date: ${date}`);
    return { name: `${day}-${pad(i, 5)}.md`, text: newHead + fixture.text.slice(head.length), fixture: fixture.name, title, day };
  });
}
