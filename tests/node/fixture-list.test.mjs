// tests/web.rs and tests/node.rs embed the fixtures at compile time (the wasm runner has
// no file system), from a list in tests/wasm_support/mod.rs: it must name every fixture.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);

test("the wasm fixture list names every tests/fixtures/ directory", () => {
  const dir = new URL("tests/fixtures/", root);
  const onDisk = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => (existsSync(new URL(`${e.name}/options.json`, dir)) ? `${e.name} [options]` : e.name))
    .sort();
  const source = readFileSync(new URL("tests/wasm_support/mod.rs", root), "utf8");
  const block = source.match(/^fixtures! \{\n([\s\S]*?)\n\}/m)?.[1];
  assert.ok(block, "the fixtures! { … } invocation");
  const listed = [...block.matchAll(/^\s*"([^"]+)"( \[options\])?,$/gm)].map((m) => m[1] + (m[2] ?? "")).sort();
  assert.ok(listed.length >= 31, "every corpus post is listed");
  assert.deepEqual(listed, onDisk, "add new fixtures to tests/wasm_support/mod.rs (with [options] if they have options.json)");
});
