// Hostile posts through every way into the page: nothing executes, nothing unsafe reaches the DOM.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ready, startHarness } from "./helpers.mjs";

// Vectors in the front matter (title, categories, tags), the HTML body and the trailer.
const XSS_POST = `---
layout: post
title: "<script>alert('title')</script><img src=https://evil.example/t.png onerror=alert('title-img')><svg onload=alert('title-svg')>"
date: 2022-01-01 10:00:00 +0800
categories: <script>alert('category')</script>
tags: <img/src/onerror=alert('tag')>
---
> 摘要<script>alert('digest')</script><img src=https://evil.example/d.png onerror=alert('digest-img')>

<p>正文开始<script>alert('body')</script>。</p>
<p><img src="https://evil.example/x.png" onerror="alert('img')" onload="alert('img-load')"></p>
<p><a href="javascript:alert('link')">点我</a> <a href="JaVaScRiPt:alert('case')">大小写</a> <a href=" javascript:alert('space')">空格</a> <a href="&#106;avascript:alert('entity')">实体</a> <a href="java&#x09;script:alert('tab')">制表</a> <a href="data:text/html,<script>alert('data')</script>">数据</a> <a href="vbscript:msgbox(1)">vb</a></p>
<svg onload="alert('svg')"><circle r="10"/><script>alert('svg-script')</script></svg>
<iframe srcdoc="<script>parent.alert('srcdoc')</script>"></iframe>
<iframe src="javascript:alert('iframe')"></iframe>
<p onclick="alert('click')" onmouseover="alert('over')" style="background:url(javascript:alert('style'))">带事件的段落</p>
<object data="javascript:alert('object')"></object><embed src="javascript:alert('embed')">
<form action="javascript:alert('form')"><button formaction="javascript:alert('formaction')">提交</button><input autofocus onfocus="alert('focus')"></form>
<math><mtext><table><mglyph><style><img src=https://evil.example/m.png onerror=alert('mxss')></style></mglyph></table></mtext></math>
<details open ontoggle="alert('toggle')"><summary>展开</summary>内容</details>
<base href="javascript:alert('base')//"><meta http-equiv="refresh" content="0;url=javascript:alert('meta')"><link rel="stylesheet" href="javascript:alert('link-tag')">
<style>body{background:url("javascript:alert('css')")}</style>
<p class="em_media">（文章来源：<script>alert('source')</script>恶意报）</p>

<javascript:alert('trailer')>

[返回首页](javascript:alert('nav'))｜[返回](//evil.example/)`;

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** A page where every dialog or print attempt is counted instead of run. */
async function trappedPage(path) {
  const opened = await harness.open(null, { viewport: { width: 1280, height: 900 } });
  const { page, context } = opened;
  const calls = [];
  await page.exposeFunction("__xssHit", (name, args) => calls.push(`${name}(${args})`));
  await context.addInitScript(() => {
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      window[name] = (...args) => window.__xssHit(name, args.join(","));
    }
  });
  page.on("dialog", (dialog) => {
    calls.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  // The same post served from the page's origin, for ?post= (loadPost).
  await page.route(harness.url("hostile/xss.md"), (route) =>
    route.fulfill({ status: 200, contentType: "text/markdown; charset=utf-8", body: XSS_POST }),
  );
  await page.goto(harness.url(path));
  await ready(page);
  return { ...opened, calls };
}

/** Everything in the page body that could run script or leak a javascript: URL. */
function unsafeInDom(page) {
  return page.evaluate(() => {
    const found = [];
    const bad = /^\s*(javascript|vbscript|data):/i;
    for (const el of document.body.querySelectorAll("*")) {
      if (el.matches("script, iframe, frame, object, embed, form, svg, math, style, base, meta, link")) found.push(`<${el.localName}>`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`);
        if (attr.name === "style" || attr.name === "srcdoc") found.push(`${el.localName}[${attr.name}]`);
        if (/^(href|src|action|formaction|xlink:href|data|poster|background)$/i.test(attr.name) && bad.test(attr.value)) {
          found.push(`${el.localName}[${attr.name}=${attr.value}]`);
        }
      }
    }
    return found;
  });
}

async function assertSafe({ page, calls, errors }) {
  const article = page.locator("#article article.finews-article");
  assert.equal(await article.count(), 1, "the hostile post still renders an article");
  // The title is text, shown as written, never markup.
  const title = page.locator("#article h1");
  assert.match(await title.textContent(), /<script>alert\('title'\)<\/script>/);
  assert.equal(await title.evaluate((h) => h.children.length), 0);
  assert.match(await page.locator("#article .finews-body").textContent(), /带事件的段落/, "no text lost with the markup");
  // Hover and click what could carry handlers, give late loads and timers a moment.
  await page.locator("#article .finews-body p", { hasText: "带事件的段落" }).click();
  await page.waitForTimeout(400);
  assert.deepEqual(await unsafeInDom(page), []);
  assert.deepEqual(calls, []);
  assert.equal(page.frames().length, 1, "no frame was created");
  assert.deepEqual(errors, [], "no console errors (a CSP violation would be one)");
}

test("an XSS post pasted into the editor renders inert", async () => {
  const trapped = await trappedPage("");
  await trapped.page.locator("#source").fill(XSS_POST);
  await trapped.page.locator("#source").press("Control+Enter");
  await assertSafe(trapped);
  // The warnings say what was removed.
  const codes = await trapped.page.locator("#meta-warnings code").allTextContents();
  assert.ok(codes.includes("unsafe-content-removed") || codes.includes("unsafe-url-removed"), codes.join());
  // The clean-HTML view shows the markup as text: <pre> holds no elements.
  assert.equal(await trapped.page.locator("#clean-html").evaluate((pre) => pre.children.length), 0);
});

test("an XSS post opened as a file renders inert", async () => {
  const trapped = await trappedPage("");
  await trapped.page.locator("#file-input").setInputFiles({ name: "xss.md", mimeType: "text/markdown", buffer: Buffer.from(XSS_POST) });
  await trapped.page.waitForFunction(() => /alert\('title'\)/.test(document.querySelector("#article h1")?.textContent));
  await assertSafe(trapped);
});

test("an XSS post loaded with ?post= renders inert", async () => {
  const trapped = await trappedPage("?post=hostile/xss.md");
  await assertSafe(trapped);
});
