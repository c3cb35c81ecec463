// The published TypeScript surface: pinned by a golden copy, free of `any`/`JsValue`, and
// in step with the Rust types it describes (a new warning code or option must show up).
// Accept a deliberate change with: BLESS=1 node --test tests/node/dts.test.mjs
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const published = read("pkg/finews_reader.d.ts");
const golden = "tests/golden/finews_reader.d.ts";

/** The .d.ts without comments: what a type checker sees. */
const code = (dts) => dts.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

/** The string literals of `export type <name> = | "a" | "b";`. */
function union(dts, name) {
  const body = dts.match(new RegExp(`export type ${name} =([^;]*);`))?.[1];
  assert.ok(body, `type ${name} is declared`);
  return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** The top-level keys of `export interface <name> { … }`, `?` dropped. */
function keys(dts, name) {
  const text = code(dts);
  const start = text.search(new RegExp(`export interface ${name}(?: extends \\w+)? \\{`));
  assert.ok(start >= 0, `interface ${name} is declared`);
  const found = [];
  let depth = 0;
  for (const line of text.slice(text.indexOf("{", start)).split("\n")) {
    const key = depth === 1 && line.match(/^\s*(\w+)\??:/);
    if (key) found.push(key[1]);
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth === 0) return found;
  }
  assert.fail(`interface ${name} never closes`);
}

/** The `pub` fields of a Rust struct, in camelCase (`timings_ms` is renamed as is). */
function rustFields(file, struct) {
  const body = read(file).match(new RegExp(`pub struct ${struct} \\{([\\s\\S]*?)\\n\\}`))?.[1];
  assert.ok(body, `${struct} in ${file}`);
  return [...body.matchAll(/^\s*pub (\w+):/gm)]
    .map((m) => m[1])
    .map((f) => (f === "timings_ms" ? f : f.replace(/_(\w)/g, (_, c) => c.toUpperCase())));
}

test("pkg/finews_reader.d.ts equals the golden copy byte for byte", () => {
  if (process.env.BLESS) writeFileSync(new URL(golden, root), published);
  assert.equal(published, read(golden), `the public types changed: if on purpose, BLESS=1 to update ${golden}`);
});

test("the entries' types are the generated ones, default export included", () => {
  assert.equal(
    code(read("pkg/index.d.ts")).trim(),
    'export * from "./finews_reader.js";\nexport { default } from "./finews_reader.js";',
  );
});

test("no `any` and no `JsValue` in the published types", () => {
  for (const file of ["pkg/finews_reader.d.ts"]) {
    const types = code(read(file));
    assert.doesNotMatch(types, /\bany\b/, `${file} has an any`);
    assert.doesNotMatch(types, /JsValue/, file);
  }
});

test("every export has a real signature", () => {
  const fns = Object.fromEntries(
    [...published.matchAll(/^export function (\w+)\((.*)\): (.*);$/gm)].map((m) => [m[1], `(${m[2]}): ${m[3]}`]),
  );
  assert.deepEqual(fns.renderPost, "(raw: string, options?: RenderOptions): Article");
  assert.deepEqual(fns.renderInto, "(element: Element, raw: string, options?: RenderOptions): Article");
  assert.deepEqual(fns.parseFrontMatter, "(raw: string): FrontMatter");
  assert.deepEqual(fns.loadPost, "(url: string, options?: RenderOptions): Promise<Article>");
  assert.deepEqual(fns.version, "(): string");
  assert.equal(fns.start, undefined, "no start() leaks out");
});

test("WarningCode and ErrorCode match src/error.rs", () => {
  const error = read("src/error.rs");
  const enumBody = error.match(/pub enum WarningCode \{([\s\S]*?)\n\}/)[1];
  const variants = [...enumBody.matchAll(/^\s{4}(\w+),/gm)].map((m) =>
    m[1].replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase()),
  );
  assert.deepEqual(union(published, "WarningCode").sort(), variants.sort());
  const codes = [...error.matchAll(/=> "([a-z-]+)",/g)].map((m) => m[1]);
  // Besides the input's errors: a bug (src/wasm.rs), and the JS entries' (js/api.js).
  const entries = [...read("js/api.js").matchAll(/failure\(\s*"([a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(entries.sort(), ["init-failed", "not-initialized"]);
  assert.deepEqual(union(published, "ErrorCode").sort(), [...codes, "internal", ...entries].sort());
});

test("Market lists every market of src/eastmoney/securities.rs", () => {
  const rust = read("src/eastmoney/securities.rs");
  const rows = [...rust.matchAll(/market\(&\[[\d, ]+\], "([A-Z]+)"/g)].map((m) => m[1]);
  const byCode = [...rust.matchAll(/\(\d+, "\d+", "([A-Z]+)"\)/g)].map((m) => m[1]);
  assert.ok(rows.length >= 10 && byCode.includes("BJ"), "the tables were read");
  assert.deepEqual(union(published, "Market").sort(), [...new Set([...rows, ...byCode])].sort());
  assert.match(published, /`MKT-\$\{number\}`/, "unknown ids keep their number");
});

test("interfaces list every field of the Rust types", () => {
  const pairs = [
    ["src/options.rs", "Options", "RenderOptions"],
    ["src/options.rs", "Limits", "RenderLimits"],
    ["src/article.rs", "Article", "Article"],
    ["src/article.rs", "FrontMatter", "FrontMatter"],
    ["src/article.rs", "TocEntry", "TocEntry"],
    ["src/article.rs", "Stock", "Stock"],
    ["src/article.rs", "Image", "Image"],
    ["src/article.rs", "Link", "Link"],
    ["src/article.rs", "Stats", "Stats"],
  ];
  for (const [file, struct, iface] of pairs) {
    assert.deepEqual(keys(published, iface), rustFields(file, struct), `${iface} vs ${struct}`);
  }
  assert.deepEqual(keys(published, "Warning"), ["code", "message"]);
  assert.deepEqual(keys(published, "FinewsError"), ["code"]);
});
