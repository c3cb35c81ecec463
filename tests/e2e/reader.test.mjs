// The www/ page in headless Chromium: the sample, the options, files, ?post= and errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { NIO_TITLE, SEED_TITLE, samples, startHarness } from "./helpers.mjs";

const STEEL_TITLE = "专家称明年钢材市场需求趋稳趋弱 须力促供需平衡";
const DESKTOP = { viewport: { width: 1440, height: 1000 } };

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const h1 = (page) => page.locator("#article h1").textContent();
const count = (page, selector) => page.locator(selector).count();

describe("the bundled sample", () => {
  test("renders on load with its title, three h2 headings and a three-entry TOC", async () => {
    const { page, errors } = await harness.open("", { ...DESKTOP, timezoneId: "America/New_York" });
    assert.equal(await h1(page), SEED_TITLE);
    // renderInto's article: header, body and footer, built in Rust.
    assert.equal(await count(page, "#article > article.finews-article > header > h1"), 1);
    assert.equal(await count(page, "#article .finews-body"), 1);

    const headings = await page.locator("#article .finews-body h2").evaluateAll((hs) => hs.map((h) => ({ id: h.id, text: h.textContent })));
    assert.deepEqual(
      headings.map((h) => h.text),
      ["以人民为中心，不断筑牢民生保障底线", "聚焦服务品质，助力完善医疗保障体系", "关爱老年群体，推动民生事业发展"],
    );
    const toc = await page.locator("#toc a").evaluateAll((as) => as.map((a) => ({ text: a.textContent, target: a.dataset.target })));
    assert.deepEqual(toc, headings.map((h) => ({ text: h.text, target: h.id })));
    assert.equal(await page.locator("#toc-empty").isVisible(), false);

    // Metadata panel.
    assert.match(await page.locator("#meta-date time").getAttribute("datetime"), /^2021-12-23T19:17:04\+08:00$/);
    // One format in one zone, the post's own, however far the reader is from it (New York here).
    assert.equal(await page.locator("#meta-date").textContent(), "2021年12月23日 19:17");
    assert.equal(await page.locator("#article header time").textContent(), "2021年12月23日 19:17");
    // A favicon of its own: browsers ask for one, and a 404 is a console error.
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    const response = await page.request.get(harness.url(icon));
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"], /^image\/svg\+xml/);
    assert.equal(await page.locator("#meta-source").textContent(), "大众证券报 · 原文");
    assert.equal(await page.locator("#meta-tags").textContent(), "大众证券报新闻");
    assert.match(await page.locator("#meta-reading").textContent(), /^约 \d+ 分钟 · [\d,]+ 字$/);
    const stock = page.locator('#meta-stocks a[data-market="SH"]');
    assert.equal(await stock.locator(".badge").textContent(), "SH");
    assert.match(await stock.textContent(), /601628/);
    assert.equal(await stock.getAttribute("href"), "https://quote.eastmoney.com/unify/r/1.601628");
    assert.equal(await page.locator("#meta-warnings").textContent(), "无");

    // Render time and the clean HTML view.
    assert.match(await page.locator("#meta-time").textContent(), /^[\d,]+ µs$/);
    assert.match(await page.locator("#status").textContent(), /seed\.md.*[\d,]+ µs/);
    const clean = await page.locator("#clean-html").textContent();
    assert.match(clean, /^<p>|^<h2|^<a /);
    assert.match(clean, /<h2 id="[^"]+">以人民为中心/);
    assert.doesNotMatch(clean, /EM_StockImg|GetPic\.aspx|style=/);
    assert.equal(await page.locator("#clean-html").isVisible(), false, "the clean HTML is folded by default");
    await page.locator(".clean-html summary").click();
    assert.equal(await page.locator("#clean-html").isVisible(), true);

    // The editor holds the source of what is shown.
    assert.match(await page.locator("#source").inputValue(), /^---\r?\nlayout: post/);
    assert.deepEqual(errors, []);
  });

  test("TOC links scroll to their heading and move keyboard focus there", async () => {
    const { page, errors } = await harness.open("", { viewport: { width: 1440, height: 700 } });
    const third = page.locator("#toc a").nth(2);
    await third.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.tagName === "H2");
    const focused = await page.evaluate(() => ({ text: document.activeElement.textContent, hash: decodeURIComponent(location.hash) }));
    assert.equal(focused.text, "关爱老年群体，推动民生事业发展");
    assert.equal(focused.hash, `#${await third.getAttribute("data-target")}`);
    // Smooth scrolling ends with the heading near the top of the viewport.
    await page.waitForFunction(() => Math.abs(document.activeElement.getBoundingClientRect().top) < 60, null, { timeout: 5_000 });
    assert.deepEqual(errors, []);
  });
});

describe("options re-render at once", () => {
  test("stockCharts: a.stock-chip with chip, none with remove", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    assert.equal(await count(page, "#article a.stock-chip"), 1);
    assert.match(await page.locator("#article a.stock-chip").textContent(), /601628/);
    await page.getByLabel("移除").check();
    assert.equal(await count(page, "#article a.stock-chip"), 0);
    assert.doesNotMatch(await page.locator("#clean-html").textContent(), /stock-chip/);
    assert.equal(await h1(page), SEED_TITLE);
    await page.getByLabel("股票标签").check();
    assert.equal(await count(page, "#article a.stock-chip"), 1);
    assert.deepEqual(errors, []);
  });

  test("inlineQuotes, headings and cjkSpacing change the body of the post on screen", async () => {
    const { page, errors } = await harness.open("?post=samples/nio.md", DESKTOP);
    assert.equal(await h1(page), NIO_TITLE);
    assert.ok((await count(page, "#article a.stock")) > 5);
    await page.getByLabel("纯文本").check();
    assert.equal(await count(page, "#article a.stock"), 0);
    assert.match(await page.locator("#article .finews-body").textContent(), /巨化股份/);
    assert.equal(await h1(page), NIO_TITLE, "a toggle re-renders the post on screen, not the sample");

    assert.equal(await count(page, "#toc li"), 2);
    await page.getByLabel("识别小标题").uncheck();
    assert.equal(await count(page, "#article h2"), 0);
    assert.equal(await count(page, "#toc li"), 0);
    assert.equal(await page.locator("#toc-empty").isVisible(), true);

    const before = await page.locator("#article .finews-body").textContent();
    assert.match(before, /旗下ET7新能源/);
    await page.getByLabel("中英文间加空格").check();
    assert.match(await page.locator("#article .finews-body").textContent(), /旗下 ET7 新能源/);
    assert.deepEqual(errors, []);
  });
});

describe("posts from elsewhere", () => {
  test("?post= loads a same-origin post through loadPost", async () => {
    const { page, errors } = await harness.open("?post=samples/nio.md", DESKTOP);
    assert.equal(await h1(page), NIO_TITLE);
    assert.equal(await page.locator("#error").isVisible(), false);
    assert.equal(await count(page, "#article figure figcaption"), 1);
    assert.equal(await page.locator("#article a.stock-chip").textContent(), "蔚来 NIO.US");
    const markets = await page.locator("#meta-stocks [data-market]").evaluateAll((els) => els.map((e) => e.dataset.market));
    assert.ok(markets.includes("US") && markets.includes("BK") && markets.includes("SH") && markets.includes("SZ"), markets.join());
    assert.deepEqual(errors, []);
  });

  test("?post= refuses other origins and reports fetch failures in the page", async () => {
    const cross = await harness.open(`?post=${encodeURIComponent("https://evil.example/post.md")}`, DESKTOP);
    assert.equal(await cross.page.locator("#error").isVisible(), true);
    assert.equal(await cross.page.locator("#error code").textContent(), "cross-origin");
    assert.equal(await count(cross.page, "#article article"), 0);
    assert.deepEqual(cross.errors, []);

    const missing = await harness.open("?post=samples/missing.md", DESKTOP);
    assert.equal(await missing.page.locator("#error code").textContent(), "fetch");
    assert.match(await missing.page.locator("#error .error-message").textContent(), /404/);
    // The browser itself logs the 404s of the requests; nothing else may fail.
    assert.deepEqual(missing.errors.filter((e) => !/404/.test(e)), []);
  });

  test("opening one corpus file renders it", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    await page.locator("#file-input").setInputFiles(join(samples, "steel.md"));
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, STEEL_TITLE);
    // One file opens in the reader: the archive stays the bundled samples.
    await page.waitForFunction(() => document.body.dataset.archive === "indexed");
    assert.equal(await page.locator("#archive-count").textContent(), "5 / 5 篇", "one file opens in the reader, not as an archive");
    assert.match(await page.locator("#status").textContent(), /steel\.md/);
    assert.equal(await page.locator("#meta-source").textContent(), "中新网 · 原文");
    assert.match(await page.locator("#source").inputValue(), /屈秀丽/);
    // Digest post: footer with the original link and two navigation links.
    assert.equal(await page.locator("#article footer .finews-original a").getAttribute("href"), "https://finance.eastmoney.com/news/1355,202112082206891114.html");
    assert.equal(await count(page, "#article footer nav a"), 2);
    assert.deepEqual(errors, []);
  });

  test("several files open as an archive: a progress bar while they render, then a list to pick from", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    await page.waitForFunction(() => document.body.dataset.archive === "indexed"); // the bundled samples
    // Record every value the progress bar takes.
    await page.evaluate(() => {
      window.progressSeen = [];
      const bar = document.getElementById("archive-progress");
      new MutationObserver(() => window.progressSeen.push([bar.value, bar.max])).observe(bar, { attributes: true, attributeFilter: ["value", "max"] });
    });
    const file = (name) => ({ name, mimeType: "text/markdown", buffer: readFileSync(join(samples, name)) });
    await page.locator("#file-input").setInputFiles([
      file("nio.md"),
      file("steel.md"),
      { name: "empty.md", mimeType: "text/markdown", buffer: Buffer.alloc(0) },
      file("untitled.md"),
    ]);
    await page.waitForFunction(() => document.body.dataset.archive === "indexed" && document.body.dataset.archiveRendered === "4");
    const seen = await page.evaluate(() => window.progressSeen);
    // The renders happen in the worker in batches: the bar only grows, and ends full.
    assert.ok(seen.every(([value, max], i) => i === 0 || value >= seen[i - 1][0] || max !== seen[i - 1][1]), JSON.stringify(seen));
    assert.deepEqual(seen.at(-1), [4, 4]);
    assert.match(await page.locator("#archive-status").textContent(), /^已索引 4 篇/);
    assert.equal(await page.locator("#archive-count").textContent(), "4 / 4 篇");

    // Newest first; the two without a date last, by name; the failed one marked with its code.
    const rows = page.locator("#archive-list .archive-row");
    const items = await rows.evaluateAll((rs) =>
      rs.map((r) => ({ title: r.querySelector(".archive-title").textContent, meta: r.querySelector(".archive-meta").textContent, snippet: r.querySelector(".archive-snippet").textContent, failed: r.classList.contains("failed") })),
    );
    assert.equal(items.length, 4);
    assert.equal(items[0].title, NIO_TITLE);
    assert.equal(items[1].title, STEEL_TITLE);
    assert.deepEqual([items[2].title, items[2].failed], ["empty.md", true]);
    assert.match(items[2].snippet, /empty/);
    assert.match(items[3].title, /^据霍尼韦尔官网消息/, "the untitled post: its title from the digest");
    assert.match(items[3].meta, /条警告/, "the untitled post recovers with warnings");
    assert.match(items[0].meta, /^2022-05-26/, "the post's own date");

    // Once indexed, the newest shows; picking another renders it.
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, NIO_TITLE);
    await rows.nth(1).click();
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, STEEL_TITLE);
    assert.equal(await rows.nth(1).getAttribute("aria-selected"), "true");
    assert.equal(await rows.nth(0).getAttribute("aria-selected"), null);

    // The failed one reports its error and leaves the article alone.
    await rows.nth(2).click();
    await page.waitForFunction(() => !document.getElementById("error").hidden);
    assert.equal(await page.locator("#error code").textContent(), "empty");
    assert.equal(await h1(page), STEEL_TITLE);
    assert.equal(await rows.nth(1).getAttribute("aria-selected"), "true", "the list marks what is on screen");
    assert.equal(await rows.nth(2).getAttribute("aria-selected"), null);

    // The untitled post: title from the digest, its warnings in the metadata panel.
    await rows.nth(3).click();
    await page.waitForFunction(() => /^据霍尼韦尔官网消息/.test(document.querySelector("#article h1")?.textContent));
    assert.equal(await page.locator("#error").isVisible(), false);
    const warnings = await page.locator("#meta-warnings code").allTextContents();
    assert.ok(warnings.includes("title-missing"), warnings.join());
    assert.deepEqual(errors, []);
  });

  test("dropping files on the page opens them as an archive", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    await page.waitForFunction(() => document.body.dataset.archive === "indexed");
    const texts = ["nio.md", "steel.md"].map((name) => readFileSync(join(samples, name), "utf8"));
    const transfer = await page.evaluateHandle((posts) => {
      const data = new DataTransfer();
      posts.forEach((text, i) => data.items.add(new File([text], `dropped-${i}.md`, { type: "text/markdown" })));
      return data;
    }, texts);
    await page.dispatchEvent("#reader", "dragover", { dataTransfer: transfer });
    assert.equal(await page.evaluate(() => document.body.classList.contains("dragging")), true);
    await page.dispatchEvent("#reader", "drop", { dataTransfer: transfer });
    await page.waitForFunction(() => document.body.dataset.archive === "indexed" && document.body.dataset.archiveRendered === "2");
    assert.equal(await page.evaluate(() => document.body.classList.contains("dragging")), false);
    assert.deepEqual(await page.locator("#archive-list .archive-title").allTextContents(), [NIO_TITLE, STEEL_TITLE]);
    await page.waitForFunction((title) => document.querySelector("#article h1")?.textContent === title, NIO_TITLE);
    assert.deepEqual(errors, []);
  });
});

describe("pasting and errors", () => {
  test("a pasted post renders with Ctrl+Enter and with the button", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    await page.locator("#source").fill(readFileSync(join(samples, "steel.md"), "utf8"));
    await page.locator("#source").press("Control+Enter");
    assert.equal(await h1(page), STEEL_TITLE);
    await page.locator("#source").fill("---\ntitle: 手写的文章\n---\n\n第一段。\n\n第二段。\n");
    await page.getByRole("button", { name: "渲染", exact: true }).click();
    assert.equal(await h1(page), "手写的文章");
    assert.equal(await count(page, "#article .finews-body p"), 2);
    assert.deepEqual(errors, []);
  });

  test("a post that throws shows its error in the alert region and keeps the previous article", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    const article = await page.locator("#article").innerHTML();
    for (const [raw, code] of [["", "empty"], ["\u0000\u0001\u0002\u0003\u0004 garbage", "binary"]]) {
      await page.locator("#source").fill(raw);
      await page.getByRole("button", { name: "渲染", exact: true }).click();
      const alert = page.getByRole("alert");
      assert.equal(await alert.isVisible(), true);
      assert.equal(await alert.locator("code").textContent(), code);
      assert.ok((await alert.locator(".error-message").textContent()).length > 0);
      assert.equal(await page.locator("#article").innerHTML(), article, "the previous article stays untouched");
      assert.match(await page.locator("#status").textContent(), /失败/);
    }
    // The next good render clears the error.
    await page.locator("#source").fill(readFileSync(join(samples, "steel.md"), "utf8"));
    await page.locator("#source").press("Control+Enter");
    assert.equal(await page.locator("#error").isVisible(), false);
    assert.equal(await h1(page), STEEL_TITLE);
    assert.deepEqual(errors, []);
  });

  test("renderInto itself leaves its target untouched when it throws", async () => {
    const { page, errors } = await harness.open("", DESKTOP);
    // The page's own module instance: already initialised.
    const result = await page.evaluate(async () => {
      const { renderInto } = await import("/pkg/finews_reader.js");
      const target = document.createElement("div");
      target.textContent = "previous";
      try {
        renderInto(target, "");
        return { threw: false };
      } catch (err) {
        return { threw: true, isError: err instanceof Error, code: err.code, content: target.innerHTML };
      }
    });
    assert.deepEqual(result, { threw: true, isError: true, code: "empty", content: "previous" });
    assert.deepEqual(errors, []);
  });
});
