// The npm package as published (pkg/, from scripts/build.sh + scripts/package.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const pkg = new URL("pkg/", root);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));

test("package.json: name, version, ESM exports and metadata", () => {
  const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
  assert.equal(manifest.name, "finews-reader");
  assert.equal(manifest.version, cargo.match(/^version = "(.+)"$/m)[1]);
  assert.equal(manifest.type, "module");
  assert.deepEqual(manifest.sideEffects, ["./workerd.js"], "only the workerd entry instantiates at import");
  // Order matters (first match wins): workerd before browser, browser before node.
  assert.deepEqual(Object.entries(manifest.exports["."]), [
    ["types", "./index.d.ts"],
    ["workerd", "./workerd.js"],
    ["browser", "./index.js"],
    ["node", "./node.js"],
    ["default", "./index.js"],
  ]);
  assert.equal(manifest.exports["./finews_reader_bg.wasm"], "./finews_reader_bg.wasm");
  assert.equal(manifest.types, "./index.d.ts");
  assert.equal(manifest.main, "./index.js");
  for (const key of ["description", "license", "repository"]) assert.ok(manifest[key], key);
  assert.ok(manifest.keywords.includes("wasm"));
  for (const target of [manifest.types, ...Object.values(manifest.exports["."]), manifest.exports["./finews_reader_bg.wasm"]]) {
    assert.ok(existsSync(new URL(target, pkg)), `${target} exists`);
  }
});

test("npm pack ships the module, its types and the wasm", () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkg, encoding: "utf8" }));
  const paths = packed.files.map((f) => f.path).sort();
  const entries = ["api.js", "index.js", "index.d.ts", "node.js", "workerd.js"];
  for (const file of [...entries, "finews_reader.js", "finews_reader.d.ts", "finews_reader_bg.wasm", "package.json"]) {
    assert.ok(paths.includes(file), `${file} is packed: ${paths}`);
  }
  if (existsSync(new URL("README.md", root))) assert.ok(paths.includes("README.md"), "README.md is packed");
  assert.ok(!paths.some((p) => p.endsWith(".tgz") || p === ".gitignore"), `${paths}`);
});
