// examples/worker/ (a Cloudflare Worker) with the packed package installed, under workerd on
// 127.0.0.1 with its own workerd.capnp, reading posts from an origin server started here,
// queried over real HTTP: a good post, a missing one, a hostile one (inert in Chromium too),
// and requests for other hosts or outside the origin's directory, which never reach it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "../e2e/helpers.mjs";
import { SEED_TITLE, assertSeed, h2s, project, repo, seed, startWorkerd } from "./helpers.mjs";

const example = join(repo, "examples", "worker");
const HOSTILE = [
  "---",
  'title: "<script>alert(1)</script>标题</title>"',
  "date: 2021-12-08 10:46:18",
  "---",
  '<p>正文。</p><script>alert(2)</script><img src=x onerror="alert(3)"><a href="javascript:alert(4)">链接</a>',
  '<svg onload=alert(5)></svg><iframe src="javascript:alert(6)"></iframe><p style="background:url(javascript:alert(7))" onclick="alert(8)">后文。</p>',
  "<p>（责任编辑：<b onmouseover=alert(9)>张三</b>）</p>",
  "",
].join("\n");
const POSTS = { "/posts/good.md": seed, "/posts/2021/xss.md": HOSTILE };

let origin;
let worker;
let site;
const asked = [];

before(async () => {
  origin = createServer((req, res) => {
    asked.push(req.url);
    const post = POSTS[req.url];
    res.writeHead(post ? 200 : 404, { "content-type": "text/markdown; charset=utf-8" }).end(post ?? "not found");
  });
  await new Promise((done) => origin.listen(0, "127.0.0.1", done));
  const files = ["src/worker.js", "workerd.capnp", "wrangler.toml"];
  site = project("worker-example", Object.fromEntries(files.map((file) => [file, readFileSync(join(example, file))])));
  const address = `127.0.0.1:${origin.address().port}`;
  worker = await startWorkerd(join(site.dir, "workerd.capnp"), {
    args: ["--external-addr", `origin=${address}`],
    env: { FINEWS_ORIGIN: `http://${address}/posts/` },
  });
});

after(async () => {
  await worker?.close();
  await new Promise((done) => (origin ? origin.close(done) : done()));
  site?.remove();
});

/** A raw HTTP GET (the path as written: no client-side normalisation of `..` or `//`). */
function get(path, method = "GET") {
  const { hostname, port } = new URL(worker.origin);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => done({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

function assertSafeHeaders(response) {
  assert.equal(response.headers["content-type"], "text/html; charset=utf-8");
  const csp = response.headers["content-security-policy"];
  assert.match(csp, /^default-src 'none'; /, "everything not listed is refused");
  assert.doesNotMatch(csp, /script-src|unsafe/, "no script source at all");
  assert.equal(response.headers["x-content-type-options"], "nosniff");
}

test("a good post: 200, the article page with its title, sections and chart chip", { timeout: 60_000 }, async () => {
  const response = await get("/good.md");
  assert.equal(response.status, 200, worker.stderr());
  assertSafeHeaders(response);
  assert.match(response.body, new RegExp(`<title>${SEED_TITLE}</title>`));
  const chip = response.body.match(/<a href="https:\/\/quote\.eastmoney\.com\/unify\/r\/1\.601628" class="stock-chip"[^>]*>(\d+)\.([A-Z]+)<\/a>/);
  assertSeed({
    title: response.body.match(/<h1>([^<]*)<\/h1>/)[1],
    headings: h2s(response.body),
    chart: chip && { code: chip[1], market: chip[2] },
  });
  assert.doesNotMatch(response.body, /<script/i);
});

test("a missing post: the 404 page", { timeout: 60_000 }, async () => {
  const response = await get("/nope/missing.md");
  assert.equal(response.status, 404);
  assertSafeHeaders(response);
  assert.match(response.body, /<h1>文章不存在<\/h1>/);
});

test("a hostile post renders as an inert page", { timeout: 60_000 }, async () => {
  const response = await get("/2021/xss.md");
  assert.equal(response.status, 200, worker.stderr());
  assertSafeHeaders(response);
  // The title is text: escaped, no markup inside <title> (Chromium reads it back below).
  assert.match(response.body, /<title>[^<>]*alert\(1\)[^<>]*标题[^<>]*<\/title>/, "the title is text");
  assert.doesNotMatch(response.body, /<script|<iframe|<svg|javascript:|\son\w+=|style=/i);
  assert.match(response.body, /正文。/);

  // And in a browser: nothing runs.
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const dialogs = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss();
    });
    const errors = [];
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${worker.origin}/2021/xss.md`);
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
      title: document.title,
      // The stylesheet is allowed by its hash: the page is styled.
      styled: getComputedStyle(document.querySelector("body > article")).maxWidth,
    }));
    assert.deepEqual(found, { scripts: 0, handlers: 0, title: "<script>alert(1)</script>标题</title>", styled: "672px" });
    assert.deepEqual(dialogs, []);
    // The hostile `<img src=x>` keeps its (relative, http:) source and loses its handler: the
    // policy blocks the load. Nothing else was even attempted: no script, frame or style.
    assert.ok(errors.length > 0 && errors.every((e) => /Loading the image .* "img-src https: data:"/.test(e)), errors.join("\n"));
  } finally {
    await browser.close();
  }
});

test("other hosts, paths outside the origin's directory and other methods are refused", { timeout: 60_000 }, async () => {
  const before = asked.length;
  for (const path of [
    "//evil.example/x.md",
    "/..%2fsecret.md",
    "/%2f%2fevil.example/x.md",
    "/http:%2f%2fevil.example/x.md",
    "/x.md%00.html",
    "/notes.txt",
    "/",
  ]) {
    const response = await get(path);
    assert.equal(response.status, 400, `${path}: ${response.status}`);
    assertSafeHeaders(response);
    assert.match(response.body, /无效的地址/);
  }
  assert.equal((await get("/good.md", "POST")).status, 405);
  assert.deepEqual(asked.slice(before), [], "none of them reached the origin");
  // Dot segments, plain, %2e or with backslashes, are resolved by the URL itself (as by every
  // client and server): above the root is the root, so they stay under the origin's directory.
  const resolved = ["/../secret.md", "/%2e%2e/secret.md", "/a/%2E%2E/%2E%2E/secret.md", "/a\\..\\..\\secret.md"];
  for (const path of resolved) assert.equal((await get(path)).status, 404, path);
  assert.deepEqual(asked.slice(before), resolved.map(() => "/posts/secret.md"));
  assert.ok(asked.every((path) => path.startsWith("/posts/")), `${asked}`);
});
