// `npm test` reads nothing outside the repository: a clean clone with no sibling folders
// must pass. Every test source is scanned for paths that leave it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = new Set([".rs", ".mjs", ".js", ".cjs", ".sh", ".json", ".toml", ".html"]);
// Installed or built: not ours to scan.
const SKIPPED = new Set(["node_modules", "dist", "fixtures", "regressions", "golden"]);

/** Our test sources (and the scripts `npm test` runs), recursively. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sources(path);
    return SOURCES.has(extname(entry.name)) ? [path] : [];
  });
}

const inside = (path) => !relative(root, path).startsWith(`..${sep}`) && relative(root, path) !== "..";

/**
 * The places in `text` (of the file at `file`) that name a path outside the repository:
 * a relative path climbing out of it from the file's folder, the sibling folders by name
 * (what a `join(root, "..", sibling)` reaches), or an absolute path into the machine's folders.
 */
export function escapes(file, text) {
  const climbs = [...text.matchAll(/(?:\.\.\/)+[\w.-]*/g)].map(([token]) => token);
  const named = [...text.matchAll(/\.\.\/(?:shared|\.library)\b|["'`](?:\/work\/|\/root\/|~\/)[^"'`]*/g)];
  return [...climbs.filter((token) => !inside(resolve(dirname(file), token))), ...named.map(([token]) => token)];
}

test("no test file names a path outside the repository", () => {
  const files = [...sources(join(root, "tests")), join(root, "scripts/test.sh"), join(root, "scripts/test-wasm.sh")];
  assert.ok(files.length > 20, `${files.length} test sources`);
  const offenders = files.flatMap((file) =>
    escapes(file, readFileSync(file, "utf8")).map((token) => `${relative(root, file)}: ${token}`),
  );
  assert.deepEqual(offenders, []);
});

test("the scan sees a path outside the repository (canary)", () => {
  const file = join(root, "tests/node/example.test.mjs");
  // Made at run time, so that this file itself names no such path.
  const up = (...parts) => ["..", ...parts].join("/");
  const sibling = up(".library");
  assert.deepEqual(escapes(file, `const corpus = join(root, "${sibling}/env");`), [sibling]);
  assert.deepEqual(escapes(file, `readFileSync("${up("..", "..", "posts")}/a.md")`), [up("..", "..", "posts")]);
  const absolute = ["", "work", "x", "bench.mjs"].join("/");
  assert.deepEqual(escapes(file, `readFileSync("${absolute}")`), [`"${absolute}`]);
  // Inside: the package build two folders up, a fixture beside the test.
  assert.deepEqual(escapes(file, `join(here, "${up("..", "pkg")}/finews_reader.js"); "${up("fixtures")}/a/input.md"`), []);
});
