// The README's "Use it in …" snippets are the code the per-runtime tests run: every code block
// after a `<!-- tested: PATH -->` line must be lines of PATH, in order (white space at the ends
// of a line aside), and every runtime the section promises has such a block.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const section = readme.split(/^## Use it in …$/m)[1]?.split(/^## /m)[0] ?? "";
const blocks = [...section.matchAll(/^<!-- tested: (\S+) -->\n```\w*\n([\s\S]*?)^```$/gm)].map((m) => ({ path: m[1], code: m[2] }));

/** The index in `lines` after the last of `snippet`'s lines found in order, or the first line not found. */
function inOrder(snippet, lines) {
  let at = 0;
  for (const line of snippet) {
    const found = lines.indexOf(line, at);
    if (found < 0) return { missing: line };
    at = found + 1;
  }
  return {};
}

const trimmed = (text) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "");

test("the section has a tested snippet for every runtime", () => {
  const headings = [...section.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ["A browser page, no bundler", "Vite (or another bundler)", "A Web Worker", "Node ≥ 20, Deno, Bun", "Cloudflare Workers"]);
  for (const heading of headings) {
    const part = section.split(`### ${heading}\n`)[1].split(/^### /m)[0];
    assert.match(part, /^<!-- tested: \S+ -->$/m, `${heading} has a tested snippet`);
  }
  assert.equal(blocks.length, headings.length);
});

test("every snippet is its test's source, line for line, in order", () => {
  for (const { path, code } of blocks) {
    const source = trimmed(readFileSync(new URL(path, root), "utf8"));
    const snippet = trimmed(code);
    assert.ok(snippet.length >= 3, `${path}: a snippet`);
    assert.deepEqual(inOrder(snippet, source), {}, `README snippet for ${path} differs from the file`);
  }
});
