// The built package (pkg/, from scripts/build.sh) as Node loads it (its `node` entry) through
// its real JS glue: every corpus post renders and meets the basics of the html contract;
// errors are typed.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { thrown } from "./throws.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const finews = await import(new URL("pkg/node.js", `file://${root}`).href);
await finews.default();

// Every corpus post is a fixture (tests/fixtures/*/input.md), with the catalogue's shapes.
const files = readdirSync(join(root, "tests/fixtures"))
  .map((name) => join(root, "tests/fixtures", name, "input.md"))
  .filter((file) => existsSync(file));

test("every corpus post renders without throwing and with a clean body", () => {
  assert.ok(files.length >= 31, `found ${files.length} posts`);
  for (const file of files) {
    const raw = readFileSync(file, "utf8");
    if (file.includes("/tests/fixtures/") && readFileSync(file.replace("input.md", "expected.json"), "utf8").includes('"error"')) {
      continue; // a fixture that documents an error
    }
    const article = finews.renderPost(raw);
    assert.equal(typeof article.title, "string", file);
    assert.ok(article.title.length > 0, `${file}: a title`);
    for (const banned of ["style=", "<script", "GetPic.aspx", "data-code", "EM_StockImg"]) {
      assert.ok(!article.html.includes(banned), `${file}: html holds ${banned}`);
    }
    assert.ok(Array.isArray(article.warnings) && Array.isArray(article.stocks), file);
    assert.equal(Object.getPrototypeOf(article.frontMatter), Object.prototype, "a plain object, not a Map");
  }
});

test("errors are Error objects with stable codes", () => {
  const seed = readFileSync(join(root, "tests/fixtures/post-2021-12-23-NW202112232224415618/input.md"), "utf8");
  const cases = [
    [() => finews.renderPost(""), "empty"],
    [() => finews.renderPost(seed, { stockCharts: "bogus" }), "invalid-options"],
    [() => finews.renderPost(seed, { stockChart: "chip" }), "invalid-options"],
    [() => finews.renderPost(seed, { limits: { maxInputBytes: 10 } }), "too-large"],
  ];
  for (const [fn, code] of cases) {
    const error = thrown(fn);
    assert.ok(error instanceof Error, `${code}: an Error`);
    assert.equal(error.code, code);
    assert.ok(error.message.length > 0);
  }
  // Options left out, empty, partial or with `undefined` values take the defaults.
  const html = finews.renderPost(seed).html;
  for (const options of [undefined, null, {}, { stockCharts: undefined }, { headings: true }]) {
    assert.equal(finews.renderPost(seed, options).html, html);
  }
});

test("parseFrontMatter, loadPost and version through the JS glue", async () => {
  const seed = readFileSync(join(root, "tests/fixtures/post-2021-12-23-NW202112232224415618/input.md"), "utf8");
  const fm = finews.parseFrontMatter(seed);
  assert.equal(fm.date, "2021-12-23T19:17:04+08:00");
  const loaded = await finews.loadPost(`data:text/markdown;charset=utf-8,${encodeURIComponent(seed)}`);
  assert.deepEqual(loaded, finews.renderPost(seed));
  await assert.rejects(finews.loadPost("http://127.0.0.1:9/post.md"), (e) => e instanceof Error && e.code === "fetch");
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "(.+)"$/m)[1];
  assert.equal(finews.version(), cargo);
});
