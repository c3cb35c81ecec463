// The archive view in headless Chromium, with archives generated from the fixtures: 5,000
// posts opened as files, 1,000 through a CLI index and a base URL. The list shows before
// the renders finish, every render happens in the worker, filters and search give exactly
// the posts the test computes on its own, and deep links restore the view.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { generateArchive, ready, repo, screenshot, startHarness } from "./helpers.mjs";
import init, { renderPost } from "../../pkg/node.js";

const FILES = 5_000;
const INDEXED = 1_000;
const DESKTOP = { viewport: { width: 1280, height: 800 } };

let harness;
let dir;
let posts; // the generated posts, each with the Article Node renders of it
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "finews-archive-"));
  await init();
  posts = generateArchive(FILES).map((post, id) => ({ ...post, id, article: renderPost(post.text) }));
  mkdirSync(join(dir, "posts"));
  mkdirSync(join(dir, "indexed"));
  for (const [i, post] of posts.entries()) {
    writeFileSync(join(dir, "posts", post.name), post.text);
    if (i < INDEXED) writeFileSync(join(dir, "indexed", post.name), post.text);
  }
  // The index the CLI writes for a static host: paths relative to the base URL (/gen/).
  const cli = spawnSync(process.execPath, [join(repo, "pkg", "cli.mjs"), "render", "indexed", "--index", "index.json"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  assert.equal(cli.status, 0, String(cli.stderr));
  harness = await startHarness({ mounts: [["/gen/", dir]] });
});
after(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const dataset = (page) => page.evaluate(() => ({ ...document.body.dataset }));
const newestFirst = (list) => [...list].sort((a, b) => b.id - a.id); // post i is i hours after post 0
const indexed = (page, count) =>
  page.waitForFunction((n) => document.body.dataset.archive === "indexed" && Number(document.body.dataset.archiveRendered) === n, count, { timeout: 120_000 });

/** The rows at the top of the list and, scrolled to its end, at the bottom; then back to the top. */
async function shown(page) {
  const titles = () => page.locator("#archive-list .archive-row .archive-title").allTextContents();
  const count = Number((await dataset(page)).archiveShown);
  const top = await titles();
  await page.locator("#archive-list").evaluate((list) => (list.scrollTop = list.scrollHeight));
  await page.waitForFunction(() => new Promise(requestAnimationFrame).then(() => true));
  const bottom = await titles();
  await page.locator("#archive-list").evaluate((list) => (list.scrollTop = 0));
  await page.waitForFunction(() => new Promise(requestAnimationFrame).then(() => true));
  return { count, first: top.slice(0, 5), last: bottom.slice(-3) };
}

/** What the list must show for `expected` posts: their count, the five newest, the three oldest. */
function rowsOf(expected) {
  const titles = newestFirst(expected).map((p) => p.article.title);
  return { count: titles.length, first: titles.slice(0, 5), last: titles.slice(-3) };
}

const stockKey = (s) => `${s.market}.${s.code}`;

describe("an archive of 5,000 posts opened as files", () => {
  let page;
  let errors;
  let start;

  before(async () => {
    ({ page, errors } = await harness.open("", DESKTOP));
    await indexed(page, 5); // the bundled samples
    start = await dataset(page);
  });

  test("lists every post before the renders finish, renders them all in the worker and none on the main thread", async () => {
    // Structurally: the archive's main-thread modules import nothing of the package and
    // name no render function; the worker renders; app.js renders only the article shown.
    const archiveDir = join(repo, "www", "archive");
    for (const file of readdirSync(archiveDir).filter((f) => f !== "worker.js")) {
      const source = readFileSync(join(archiveDir, file), "utf8");
      assert.doesNotMatch(source, /pkg\/|renderPost|renderInto|renderPage|parseFrontMatter|loadPost/, file);
    }
    assert.match(readFileSync(join(archiveDir, "worker.js"), "utf8"), /import init, \{ parseFrontMatter, renderPost \} from "..\/..\/pkg\/finews_reader.js"/);
    const app = readFileSync(join(repo, "www", "app.js"), "utf8");
    assert.doesNotMatch(app, /renderPost|renderPage|parseFrontMatter/);
    assert.equal(app.match(/renderInto\(/g).length, 1, "one render call: the article on screen");

    // At run time: record the moment the listing is complete, and the moment indexing is.
    await page.evaluate((total) => {
      window.moments = {};
      const body = document.body;
      new MutationObserver(() => {
        const d = body.dataset;
        const moment = { rendered: Number(d.archiveRendered), rows: document.querySelectorAll(".archive-row").length, mainRenders: Number(d.mainRenders), shown: Number(d.archiveShown) };
        if (!window.moments.listed && Number(d.archiveListed) === total) window.moments.listed = moment;
        if (!window.moments.indexed && d.archive === "indexed" && moment.rendered === total) window.moments.indexed = moment;
      }).observe(body, { attributes: true });
    }, FILES);
    await page.locator("#file-input").setInputFiles(posts.map((p) => join(dir, "posts", p.name)));
    await indexed(page, FILES);
    const { listed, indexed: done } = await page.evaluate(() => window.moments);
    assert.ok(listed.rendered < FILES, `the list is complete before the renders (${listed.rendered} rendered then)`);
    assert.equal(listed.shown, FILES);
    assert.ok(listed.rows > 0, "rows on screen");
    assert.equal(listed.mainRenders, Number(start.mainRenders), "no render on the main thread while listing");
    assert.equal(done.mainRenders, Number(start.mainRenders), "nor while indexing");
    const end = await dataset(page);
    assert.equal(Number(end.workerRenders) - Number(start.workerRenders), FILES, "the worker rendered every post once");

    // Virtualised: a few rows in the DOM, a spacer as tall as all of them.
    assert.ok((await page.locator(".archive-row").count()) < 40);
    assert.equal(await page.locator(".archive-spacer").evaluate((s) => s.getBoundingClientRect().height), FILES * 76);
    assert.deepEqual(await shown(page), rowsOf(posts));
    assert.equal(await page.locator("#archive-count").textContent(), "5,000 / 5,000 篇");
    // Once indexed, the newest post opens (the one render here, after indexing).
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, newestFirst(posts)[0].article.title);
    assert.deepEqual(errors, []);
  });

  /** Sets the filters (and the search) and waits for the list to show their results. */
  async function apply(filters) {
    await page.locator("#archive-clear").click();
    for (const [key, value] of Object.entries(filters)) {
      const control = page.locator(`#archive-${key}`);
      if (key === "q") continue;
      if (await control.evaluate((c) => c.tagName === "SELECT")) await control.selectOption(value);
      else await control.fill(value);
    }
    if (filters.q) await page.locator("#archive-q").fill(filters.q);
    await page.waitForFunction((q) => document.body.dataset.archiveQuery === q, filters.q ?? "");
    return shown(page);
  }

  const most = (values) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map())].sort((a, b) => b[1] - a[1]);

  test("each filter, and filters combined, give exactly the right posts, newest first", async () => {
    const a = (p) => p.article;
    // A value of each kind that picks some posts but not all.
    const pick = (values) => most(values).find(([, n]) => n < FILES)?.[0] ?? most(values)[0][0];
    const category = pick(posts.flatMap((p) => a(p).categories));
    const tag = pick(posts.flatMap((p) => a(p).tags));
    const source = pick(posts.map((p) => a(p).source).filter(Boolean));
    const stocks = posts.flatMap((p) => a(p).stocks);
    const stock = stocks.find((s) => stockKey(s) === "SH.600519") ?? stocks.find((s) => s.name);
    const cases = [
      [{ cat: category }, (p) => a(p).categories.includes(category)],
      [{ tag }, (p) => a(p).tags.includes(tag)],
      [{ source }, (p) => a(p).source === source],
      [{ stock: stockKey(stock) }, (p) => a(p).stocks.some((s) => stockKey(s) === stockKey(stock))],
      [{ stock: stock.code }, (p) => a(p).stocks.some((s) => s.code === stock.code)],
      [{ stock: stock.name }, (p) => a(p).stocks.some((s) => s.name?.includes(stock.name))],
      [{ from: "2021-03-01", to: "2021-03-31" }, (p) => p.day >= "2021-03-01" && p.day <= "2021-03-31"],
      [{ from: "2021-07-01" }, (p) => p.day >= "2021-07-01"],
      [{ cat: category, to: "2021-05-15", stock: stock.name }, (p) => a(p).categories.includes(category) && p.day <= "2021-05-15" && a(p).stocks.some((s) => s.name?.includes(stock.name))],
    ];
    for (const [filters, wanted] of cases) {
      const expected = posts.filter(wanted);
      assert.ok(expected.length > 0 && expected.length < FILES, `${JSON.stringify(filters)} picks some posts: ${expected.length}`);
      assert.deepEqual(await apply(filters), rowsOf(expected), JSON.stringify(filters));
    }
    assert.deepEqual(errors, []);
  });

  test("full-text search over titles and text, CJK-aware and highlighted; with a filter too", async () => {
    const haystack = (p) => `${p.article.title}\n${p.article.text}`.toLowerCase();
    const source = most(posts.filter((p) => haystack(p).includes("新能源")).map((p) => p.article.source).filter(Boolean))[0][0];
    for (const [filters, wanted] of [
      [{ q: "医保" }, (p) => haystack(p).includes("医保")],
      [{ q: "〔4321〕" }, (p) => p.article.title.startsWith("〔4321〕")],
      [{ q: "hfo 制冷" }, (p) => haystack(p).includes("hfo") && haystack(p).includes("制冷")],
      [{ q: "新能源", source }, (p) => haystack(p).includes("新能源") && p.article.source === source],
    ]) {
      const expected = posts.filter(wanted);
      assert.ok(expected.length > 0, `${JSON.stringify(filters)} finds posts`);
      assert.deepEqual(await apply(filters), rowsOf(expected), JSON.stringify(filters));
    }
    // Hits are marked, in titles or snippets, with <mark> elements holding only the term.
    await apply({ q: "医保" });
    const marks = await page.locator("#archive-list mark").allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => m === "医保"), marks.join());
    assert.equal(await page.locator("#archive-list .archive-row").first().locator("script, img, [onerror]").count(), 0);
    assert.deepEqual(errors, []);
  });

  test("a security's page: every post that mentions it, newest first, with its quote link; a screenshot", async () => {
    await apply({});
    const chip = page.locator("#archive-list .chip.stock").first();
    const key = await chip.getAttribute("data-stock");
    await chip.click();
    await page.waitForFunction((k) => decodeURIComponent(location.hash) === `#stock=${k}`, key);
    const expected = posts.filter((p) => p.article.stocks.some((s) => stockKey(s) === key));
    assert.deepEqual(await shown(page), rowsOf(expected));
    const stock = expected[0].article.stocks.find((s) => stockKey(s) === key);
    const header = page.locator("#archive-stock-page");
    assert.equal(await header.isVisible(), true);
    assert.match(await header.textContent(), new RegExp(`${expected.length.toLocaleString("en-US")} 篇提及`));
    assert.equal(await header.locator("a").getAttribute("href"), stock.quoteUrl);
    assert.equal(await page.inputValue("#archive-stock"), key, "the security filter holds it");
    await screenshot(page, "archive-view");
    assert.deepEqual(errors, []);
  });
});

describe("an archive from a CLI index and a base URL", () => {
  test("?archive= lists the index at once, renders in the worker, and deep links survive a reload", async () => {
    const expectedAll = posts.slice(0, INDEXED);
    const target = newestFirst(expectedAll)[3];
    const stock = target.article.stocks[0] ?? expectedAll.find((p) => p.article.stocks.length).article.stocks[0];
    const hash = `#post=${encodeURIComponent(`indexed/${target.name}`)}&stock=${stockKey(stock)}`;
    const { page, errors } = await harness.open(`?archive=/gen/index.json${hash}`, DESKTOP);
    await indexed(page, INDEXED);
    const expected = expectedAll.filter((p) => p.article.stocks.some((s) => stockKey(s) === stockKey(stock)));
    assert.equal(await page.locator("#archive-stock-page").isVisible(), true);
    assert.deepEqual(await shown(page), rowsOf(expected));
    assert.equal(await page.inputValue("#archive-stock"), stockKey(stock));
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, target.article.title);

    // A search in the hash too, then a reload: the same view and the same article.
    await page.locator("#archive-q").fill("〔");
    await page.waitForFunction(() => document.body.dataset.archiveQuery === "〔");
    const before = { hash: await page.evaluate(() => location.hash), view: await shown(page) };
    await page.reload();
    await ready(page);
    await indexed(page, INDEXED);
    await page.waitForFunction(() => document.body.dataset.archiveQuery === "〔");
    assert.equal(await page.evaluate(() => location.hash), before.hash);
    assert.deepEqual(await shown(page), before.view);
    assert.equal(await page.inputValue("#archive-q"), "〔");
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, target.article.title);
    assert.deepEqual(errors, []);
  });

  test("keyboard: / searches, Esc leaves the field and goes back, j/k move, Enter opens; previous/next follow the filter", async () => {
    const { page, errors } = await harness.open("?archive=/gen/index.json", DESKTOP);
    await indexed(page, INDEXED);
    const order = newestFirst(posts.slice(0, INDEXED)).map((p) => p.article.title);
    const h1 = () => page.locator("#article h1").textContent();

    await page.locator("body").press("/");
    assert.equal(await page.evaluate(() => document.activeElement.id), "archive-q");
    await page.keyboard.press("Escape");
    assert.notEqual(await page.evaluate(() => document.activeElement.id), "archive-q");

    // An archive the reader opened shows its newest post once indexed, selected in the list.
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, order[0]);
    await page.locator("#archive-list").focus();
    for (const key of ["j", "j", "j", "k", "k"]) await page.keyboard.press(key);
    await page.keyboard.press("Enter");
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, order[1]);
    assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /^#post=indexed\//);

    await page.locator("#archive-next").click();
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, order[2]);
    await page.locator("#archive-prev").click();
    await page.locator("#archive-prev").click();
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, order[0]);
    assert.equal(await page.locator("#archive-prev").isDisabled(), true, "the newest has no previous");

    // Within a filter: next is the next post that passes it.
    const category = posts[0].article.categories[0];
    await page.locator("#archive-cat").selectOption(category);
    const filtered = newestFirst(posts.slice(0, INDEXED).filter((p) => p.article.categories.includes(category))).map((p) => p.article.title);
    await page.locator("#archive-list .archive-row").first().click();
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, filtered[0]);
    await page.locator("#archive-next").click();
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, filtered[1]);
    assert.equal(await h1(), filtered[1]);

    // Esc: back to the list, the post gone from the hash, the filter kept.
    await page.locator("#reader").focus();
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.id), "archive-list");
    assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), `#cat=${category}`);
    assert.deepEqual(errors, []);
  });
});
