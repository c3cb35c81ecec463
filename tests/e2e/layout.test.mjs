// Layout, themes, print and accessibility of the page; screenshots to target/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SEED_TITLE, ready, screenshot, startHarness } from "./helpers.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const noHorizontalScroll = (page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

/** Loads every lazy image (they are placeholders here) so screenshots show the real layout. */
async function loadImages(page) {
  await page.evaluate(async () => {
    const images = [...document.querySelectorAll("#article img")];
    images.forEach((img) => (img.loading = "eager"));
    await Promise.all(images.map((img) => img.decode().catch(() => {})));
  });
}

/** WCAG contrast ratio of an element's text colour on the colour behind it. */
function contrastOf(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const rgb = (css) => css.match(/[\d.]+/g).slice(0, 4).map(Number);
    const behind = (node) => {
      for (let n = node; n; n = n.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(n).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const lum = ([r, g, b]) =>
      [r, g, b]
        .map((c) => c / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const [fg, bg] = [lum(rgb(getComputedStyle(el).color)), lum(behind(el))];
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  });
}

const TEXT_SAMPLES = [
  "#article .finews-body p",
  "#article .finews-meta",
  "#article .finews-body a.stock-chip",
  "#article .finews-body h2",
  "#article footer a",
  "#meta dt",
  "#status",
  ".hint",
  ".app-footer",
  "#toc a",
];

for (const scheme of ["light", "dark"]) {
  test(`${scheme} theme: the sample at desktop width, AA contrast, screenshot`, async () => {
    const { page, errors } = await harness.open("", { viewport: { width: 1440, height: 1000 }, colorScheme: scheme });
    assert.equal(await page.locator("#article h1").textContent(), SEED_TITLE);
    const dark = await page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      return r + g + b < 3 * 128;
    });
    assert.equal(dark, scheme === "dark");
    assert.equal(await page.locator("#theme-toggle").getAttribute("aria-pressed"), String(scheme === "dark"));
    for (const selector of TEXT_SAMPLES) {
      const ratio = await contrastOf(page, selector);
      assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)} < 4.5 in ${scheme}`);
    }
    const { scrollWidth, innerWidth } = await noHorizontalScroll(page);
    assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
    // Three columns on wide screens: input panel | article | sidebar.
    const [controls, article, sidebar] = await Promise.all(
      ["#controls", "#article article", "aside"].map((s) => page.locator(s).boundingBox()),
    );
    assert.ok(controls.x < article.x && article.x + article.width < sidebar.x, "three columns");
    // The measure: about 38em of 18 px text, plus padding.
    const measure = await page.locator("#article .finews-body").evaluate((b) => b.getBoundingClientRect().width);
    assert.ok(measure >= 640 && measure <= 720, `text column ${measure}px`);
    await loadImages(page);
    await screenshot(page, `sample-${scheme}`);
    assert.deepEqual(errors, []);
  });
}

test("mobile 375×812 in dark mode: no horizontal scroll, article before the sidebar, screenshot", async () => {
  const { page, errors } = await harness.open("?post=samples/nio.md", {
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: "dark",
  });
  const { scrollWidth, innerWidth } = await noHorizontalScroll(page);
  assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
  // Stacked: the input panel folded, the article, then TOC and metadata.
  assert.equal(await page.locator("#controls").evaluate((d) => d.open), false);
  const article = await page.locator("#article article").boundingBox();
  const aside = await page.locator("aside").boundingBox();
  assert.ok(article.y + article.height <= aside.y, "the sidebar follows the article");
  assert.ok(article.width <= 375);
  // Opening the input panel keeps the page within the width too.
  await page.locator("#controls > summary").click();
  assert.ok((await noHorizontalScroll(page)).scrollWidth <= 375);
  await page.locator("#controls > summary").click();
  await page.locator(".clean-html summary").click();
  assert.ok((await noHorizontalScroll(page)).scrollWidth <= 375, "the clean HTML view wraps");
  await page.locator(".clean-html summary").click();
  await loadImages(page);
  await screenshot(page, "sample-mobile-dark");
  assert.deepEqual(errors, []);
});

test("mobile 375×812: a wide table scrolls inside the article, never the page; the disclaimer is small print", async () => {
  const { page, errors } = await harness.open("?post=samples/funds.md", {
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const { scrollWidth, innerWidth } = await noHorizontalScroll(page);
  assert.ok(scrollWidth <= innerWidth, `the page scrolls sideways: ${scrollWidth} > ${innerWidth}`);
  const region = page.locator("#article .finews-table").first();
  const box = await region.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= innerWidth, "the region stays in the page");
  const { scroll, client } = await region.evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
  assert.ok(scroll > client * 1.2, `the table (${scroll}px) is wider than its region (${client}px)`);
  // Scrolling moves the table in its region, not the page; the keyboard reaches it.
  await region.evaluate((r) => r.scrollBy(300, 0));
  assert.ok((await region.evaluate((r) => r.scrollLeft)) > 0);
  assert.equal(await page.evaluate(() => window.scrollX), 0);
  assert.equal(await region.getAttribute("tabindex"), "0");
  assert.equal(await page.locator("#article th").count(), 8, "header cells kept");
  // EastMoney's furniture: out of the body, the disclaimer smaller than the text after it.
  const body = await page.locator("#article .finews-body").textContent();
  assert.ok(!body.includes("郑重声明") && !body.includes("开户交易"), body);
  const size = (selector) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok((await size("#article .finews-disclaimer p")) < (await size("#article .finews-body p")));
  assert.equal(await page.locator("#article footer .finews-editor").textContent(), "责任编辑：DF318");
  assert.equal(await page.locator("#meta-editor").textContent(), "DF318");
  await screenshot(page, "table-mobile");
  assert.deepEqual(errors, []);
});

test("mobile 375×812 in light mode: the seed without horizontal scroll, screenshot", async () => {
  const { page, errors } = await harness.open("", { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { scrollWidth, innerWidth } = await noHorizontalScroll(page);
  assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
  await screenshot(page, "sample-mobile");
  assert.deepEqual(errors, []);
});

test("the theme toggle overrides the system theme and persists across reloads", async () => {
  const { page, errors } = await harness.open("", { viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  const toggle = page.getByRole("button", { name: "深色模式" });
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), "dark");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await toggle.click();
  assert.equal(await page.evaluate(() => localStorage.getItem("finews-theme")), "light");
  assert.deepEqual(errors, []);
});

test("print shows the article only, with the original article's URL spelled out", async () => {
  const { page, errors } = await harness.open("", { viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
  await page.emulateMedia({ media: "print" });
  for (const selector of [".app-bar", "#controls", "aside", ".clean-html", ".app-footer", "#article footer nav"]) {
    assert.equal(await page.locator(selector).isVisible(), false, `${selector} is hidden in print`);
  }
  assert.equal(await page.locator("#article h1").isVisible(), true);
  const after = await page.locator("#article footer .finews-original a").evaluate((a) => getComputedStyle(a, "::after").content);
  assert.match(after, /https?:\/\/finews\.zning\.xyz\//);
  // Paper is light whatever the screen theme.
  const ink = await page.evaluate(() => getComputedStyle(document.querySelector("#article .finews-body p")).color);
  assert.equal(ink, "rgb(0, 0, 0)");
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000);
  assert.deepEqual(errors, []);
});

test("landmarks, labelled controls and keyboard access", async () => {
  const { page, errors } = await harness.open("", { viewport: { width: 1440, height: 900 } });
  assert.equal(await page.getByRole("banner").count(), 1);
  assert.equal(await page.getByRole("main").count(), 1);
  assert.equal(await page.getByRole("complementary", { name: "文章信息" }).count(), 1);
  assert.equal(await page.getByRole("navigation", { name: "目录" }).count(), 1);
  assert.equal(await page.locator("h1").count(), 1, "one h1: the article's title");

  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, textarea, select, button")]
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || (el.localName === "button" && el.textContent.trim())))
      .map((el) => el.outerHTML),
  );
  assert.deepEqual(unlabelled, []);

  // Tab order starts with the skip link, which lands in the main region.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "跳到正文");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid", "a visible focus style");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "reader");

  // Every control in order from the theme button, by Tab alone (the file inputs too, though
  // their labels are what shows), and the options work from the keyboard. The archive comes
  // first: its search, its filters (a date field takes a Tab per part: one entry here), its
  // list as one tab stop; then the input panel.
  await page.locator("#theme-toggle").focus();
  const order = [];
  for (let i = 0; i < 40 && order.at(-1) !== "cjkSpacing"; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || el.getAttribute("name") || el.localName;
    });
    if (id !== order.at(-1)) order.push(id);
  }
  assert.deepEqual(order, [
    "summary", "archive-q", "archive-cat", "archive-tag", "archive-source", "archive-stock", "archive-from", "archive-to", "archive-clear", "archive-list",
    "summary", "source", "render", "file-input", "archive-folder", "archive-index-url", "archive-base-url", "archive-open-index",
    "stockCharts", "inlineQuotes", "headings", "cjkSpacing",
  ]);
  await page.locator('input[name="stockCharts"]:checked').focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator("#article a.stock-chip").count(), 0, "arrow keys switch the option and re-render");
  await page.locator('input[name="headings"]').focus();
  await page.keyboard.press("Space");
  assert.equal(await page.locator("#article h2").count(), 0);
  assert.deepEqual(errors, []);
});
