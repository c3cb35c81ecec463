// Every XSS vector of tests/xss/vectors.json in every placement (the table tests/xss.rs renders
// natively), rendered in headless Chromium both ways a page uses the package:
//   (a) renderInto(div, raw)             — the whole <article>: header, body, footer
//   (b) div.innerHTML = renderPost(raw).html
// with the default options and with every non-default choice (as tests/xss.rs does).
// Nothing may run (dialogs, alert/confirm/prompt/print, window.open, fetch, XHR, sendBeacon are
// trapped before any script runs), nothing may navigate or open a frame, nothing may be requested
// but images, and the rendered DOM may hold no handler, style, dangerous URL or dangerous element.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repo, startHarness } from "./helpers.mjs";

const table = JSON.parse(readFileSync(join(repo, "tests", "xss", "vectors.json"), "utf8"));

/**
 * The post of one vector in one placement, as tests/xss.rs `post()` builds it: `{{json}}` is
 * the payload as a JSON string literal (a YAML double-quoted scalar), replaced first, then
 * `{{raw}}` the payload as is. Functions as replacements: a payload's `$&` stays literal.
 */
export function post(template, payload) {
  const json = JSON.stringify(payload);
  return template.replaceAll("{{json}}", () => json).replaceAll("{{raw}}", () => payload);
}

/** tests/xss.rs `option_sets()`: the defaults, and every non-default choice. */
const OPTION_SETS = [
  {},
  {
    stockCharts: "remove",
    inlineQuotes: "text",
    headings: false,
    cjkSpacing: true,
    linkTarget: null,
    limits: { maxNesting: 16 },
  },
];
const MODES = ["renderInto", "innerHTML"];

const PAGE = "__xss__/index.html";
const PAGE_HTML = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>xss vectors</title>
<body><main id="out"></main></body></html>`;
// A 1×1 transparent GIF for every image the rendered articles ask for: nothing leaves the
// machine and no failed load is logged.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Runs before any script of the page: every way a payload could show it ran is counted. */
function installTraps() {
  const hit = (name, args) => {
    try {
      window.__xssHit(name, Array.from(args, String).join(",").slice(0, 300));
    } catch {
      // The binding itself was tampered with: record it where the test reads it anyway.
      document.documentElement.setAttribute("data-xss-hit", name);
    }
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function () {
      hit(name, arguments);
    };
  }
  window.open = function () {
    hit("open", arguments);
    return null;
  };
  // The glue fetches its .wasm: fetch is trapped once the package is ready (__xssArm()).
  let armed = false;
  Object.defineProperty(window, "__xssArm", { value: () => (armed = true) });
  const realFetch = window.fetch.bind(window);
  window.fetch = function (...args) {
    if (!armed) return realFetch(...args);
    hit("fetch", args.slice(0, 1));
    return Promise.reject(new TypeError("blocked by the XSS test"));
  };
  const realOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (...args) {
    hit("XMLHttpRequest.open", args.slice(0, 2));
    return realOpen.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {};
  navigator.sendBeacon = function () {
    hit("sendBeacon", arguments);
    return false;
  };
  const realWrite = Document.prototype.write;
  Document.prototype.write = function () {
    hit("document.write", arguments);
    return realWrite.call(this, "");
  };
}

/** A page of the test origin with the package loaded and every trap armed. */
async function openTrappedPage() {
  const { page, context, errors } = await harness.open(null);
  const origin = new URL(harness.url()).origin;
  const pageUrl = harness.url(PAGE);
  const state = { calls: [], navigations: [], frames: [], popups: [], requests: [], unexpected: [] };

  await page.exposeFunction("__xssHit", (name, args) => state.calls.push(`${name}(${args})`));
  await context.addInitScript(installTraps);
  page.on("dialog", (dialog) => {
    state.calls.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) state.navigations.push(frame.url());
  });
  page.on("frameattached", (frame) => state.frames.push(frame.url()));
  page.on("popup", (popup) => state.popups.push(popup.url()));
  page.on("request", (req) => state.requests.push({ url: req.url(), type: req.resourceType() }));

  // Everything but the test page and the package: images get a placeholder, anything else an
  // empty 204 and a failure (a rendered article must not load scripts, styles, frames, …).
  // Registered after the harness's own route, so it takes precedence.
  const ours = (url) => url.href === pageUrl || (url.origin === origin && url.pathname.startsWith("/pkg/"));
  await page.route(
    (url) => !ours(url),
    (route) => {
      const req = route.request();
      if (req.resourceType() === "image") {
        return route.fulfill({ status: 200, contentType: "image/gif", body: GIF });
      }
      state.unexpected.push(`${req.resourceType()} ${req.url()}`);
      return route.fulfill({ status: 204, body: "" });
    },
  );
  await page.route(pageUrl, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE_HTML }),
  );

  await page.goto(pageUrl);
  const version = await page.evaluate(async () => {
    const pkg = await import("/pkg/finews_reader.js");
    await pkg.default();
    // Kept out of reach of the page's globals: a payload that ran could not replace them.
    Object.defineProperty(window, "__finews", { value: Object.freeze({ ...pkg }) });
    window.__xssArm();
    return pkg.version();
  });
  // From here on, any navigation of the main frame is a payload's doing.
  state.navigations.length = 0;
  state.requests.length = 0;
  return { page, context, errors, state, version };
}

/**
 * Renders a batch in the page, every post × option set × mode into its own element (kept in
 * the document so late image loads and their handlers would still fire), waits for deferred
 * events, then scans the DOM. Returns the render failures and everything unsafe found.
 */
function renderBatch(page, posts, optionSets, { unsanitized = false } = {}) {
  return page.evaluate(
    async ({ posts, optionSets, unsanitized }) => {
      const { renderInto, renderPost } = unsanitized
        ? // The canary: the raw post itself, as a page with no sanitizer would show it.
          { renderInto: (el, raw) => (el.innerHTML = raw), renderPost: (raw) => ({ html: raw }) }
        : window.__finews;
      const out = document.getElementById("out");
      out.replaceChildren();
      const failures = [];
      let renders = 0;
      for (const { key, raw } of posts) {
        optionSets.forEach((options, o) => {
          const into = document.createElement("div");
          into.dataset.key = `${key} renderInto options#${o}`;
          out.append(into);
          try {
            renderInto(into, raw, options);
            renders++;
          } catch (e) {
            failures.push(`${into.dataset.key}: ${e.code} ${e.message}`);
          }
          const inner = document.createElement("div");
          inner.dataset.key = `${key} innerHTML options#${o}`;
          out.append(inner);
          try {
            inner.innerHTML = renderPost(raw, options).html;
            renders++;
          } catch (e) {
            failures.push(`${inner.dataset.key}: ${e.code} ${e.message}`);
          }
        });
      }
      // Images load now, wherever they are (the articles' are lazy, and most of them are far
      // below the viewport): a load or error handler that survived would run.
      for (const img of out.querySelectorAll("img[loading]")) img.loading = "eager";
      // Deferred handlers: image error/load events, timers, toggles, autofocus.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

      const FORBIDDEN =
        "script, iframe, frame, frameset, object, embed, applet, form, base, meta, link, style, svg, math, template";
      const URL_ATTRS = /^(href|src|action|formaction|xlink:href|data|poster|background|cite|ping|codebase)$/i;
      // As a browser reads a URL: leading/trailing C0 controls and spaces ignored, tabs and
      // newlines removed anywhere, any case.
      const dangerous = (value) =>
        /^(javascript|vbscript|data):/i.test(value.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, ""));
      const unsafe = [];
      for (const div of out.children) {
        const where = div.dataset.key;
        for (const el of div.querySelectorAll("*")) {
          const tag = el.localName;
          if (el.matches(FORBIDDEN) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") {
            unsafe.push(`${where}: <${tag}>`);
          }
          for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (name.startsWith("on")) unsafe.push(`${where}: ${tag}[${attr.name}]`);
            if (name === "style" || name === "srcdoc") unsafe.push(`${where}: ${tag}[${attr.name}]`);
            if (URL_ATTRS.test(name) && dangerous(attr.value)) {
              unsafe.push(`${where}: ${tag}[${attr.name}=${JSON.stringify(attr.value)}]`);
            }
            if (name === "srcset" && attr.value.split(",").some((c) => dangerous(c.trim()))) {
              unsafe.push(`${where}: ${tag}[srcset=${JSON.stringify(attr.value)}]`);
            }
          }
        }
        // renderInto renders exactly one article into the element.
        if (!unsanitized && where.includes("renderInto") && !failures.some((f) => f.startsWith(where))) {
          const articles = div.querySelectorAll(":scope > article");
          if (div.children.length !== 1 || articles.length !== 1) unsafe.push(`${where}: not one <article>`);
        }
      }
      const tampered = document.documentElement.getAttribute("data-xss-hit");
      if (tampered) unsafe.push(`a trap was called after its binding was replaced: ${tampered}`);
      return { renders, failures, unsafe };
    },
    { posts, optionSets, unsanitized },
  );
}

test(
  `every XSS vector in every placement renders inert in Chromium ` +
    `(${table.vectors.length} vectors × ${table.placements.length} placements × ${MODES.length} modes × ` +
    `${OPTION_SETS.length} option sets)`,
  { timeout: 120_000 },
  async () => {
    const { page, errors, state, version } = await openTrappedPage();
    const started = performance.now();
    let renders = 0;
    for (const placement of table.placements) {
      const posts = table.vectors.map((v) => ({
        key: `${v.id} in ${placement.id}`,
        raw: post(placement.template, v.payload),
      }));
      const result = await renderBatch(page, posts, OPTION_SETS);
      // One more round trip: binding calls and events sent during the batch have arrived.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      renders += result.renders;
      const context = `placement ${placement.id}`;
      assert.deepEqual(result.failures, [], `${context}: every post renders`);
      assert.deepEqual(result.unsafe, [], `${context}: nothing unsafe in the DOM`);
      assert.deepEqual(state.calls, [], `${context}: no trapped call, no dialog`);
      assert.deepEqual(state.navigations, [], `${context}: no navigation`);
      assert.deepEqual(state.frames, [], `${context}: no frame`);
      assert.deepEqual(state.popups, [], `${context}: no popup`);
      assert.deepEqual(state.unexpected, [], `${context}: nothing but images requested`);
      const schemes = state.requests.filter((r) => !/^https?:/i.test(r.url));
      assert.deepEqual(schemes, [], `${context}: no javascript:/data:/vbscript: request`);
      assert.deepEqual(errors, [], `${context}: no console error`);
    }
    assert.equal(page.frames().length, 1, "no frame was created");
    assert.equal(page.url(), harness.url(PAGE), "the page never navigated");
    const expected = table.vectors.length * table.placements.length * MODES.length * OPTION_SETS.length;
    assert.equal(renders, expected);
    const images = state.requests.filter((r) => r.type === "image").length;
    console.log(
      `XSS vectors=${table.vectors.length} placements=${table.placements.length} modes=${MODES.length} ` +
        `option_sets=${OPTION_SETS.length} renders=${renders} (${table.vectors.length * table.placements.length} posts ` +
        `× ${MODES.length} modes = ${table.vectors.length * table.placements.length * MODES.length} per option set) ` +
        `image_requests=${images} finews-reader ${version} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  },
);

test("the post builder mirrors tests/xss.rs", () => {
  assert.equal(post("a {{json}} b {{raw}}", 'x"$&\n'), 'a "x\\"$&\\n" b x"$&\n');
  // serde_json escapes control characters as \u00XX with lower-case hex, as JSON.stringify does.
  assert.equal(post("{{json}}", "\u0001\u001f"), '"\\u0001\\u001f"');
  assert.ok(table.placements.every((p) => p.template.includes("{{raw}}") || p.template.includes("{{json}}")));
});

test("the traps and the DOM scan catch a post shown with no sanitizer (canary)", async () => {
  const { page, state } = await openTrappedPage();
  const canaries = ["img-onerror", "svg-onload", "details-ontoggle", "a-javascript", "style-url-javascript", "iframe-srcdoc"];
  const posts = table.vectors
    .filter((v) => canaries.includes(v.id))
    .map((v) => ({ key: v.id, raw: `<p>前文。</p>${v.payload}<p>后文。</p>` }));
  assert.equal(posts.length, canaries.length);
  const result = await renderBatch(page, posts, [{}], { unsanitized: true });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  for (const id of ["img-onerror", "svg-onload", "a-javascript", "style-url-javascript", "iframe-srcdoc"]) {
    assert.ok(result.unsafe.some((u) => u.startsWith(`${id} `)), `the scan finds ${id}: ${result.unsafe.join("; ")}`);
  }
  assert.ok(state.calls.some((c) => c.startsWith("alert(")), `the alert trap fired: ${state.calls.join("; ")}`);
  assert.ok(state.frames.length > 0, "the srcdoc frame was seen");
});
