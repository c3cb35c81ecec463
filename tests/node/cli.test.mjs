// The npm command (pkg/cli.mjs, over the built wasm) against the native binary: on the
// same inputs, the same stdout, pages and index, byte for byte, and the same exit status.
// Needs pkg/ (scripts/build.sh); builds the native binary with `cargo build --features cli`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = `${root}pkg/cli.mjs`;
const scratch = `${root}target/tmp/cli-node`;

function native(args) {
  return spawnSync(`${root}target/debug/finews-reader`, args, { cwd: root, encoding: "buffer" });
}
function npm(args) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "buffer" });
}

test("setup: the native binary and pkg/cli.mjs are there", () => {
  assert.ok(existsSync(cli), "pkg/cli.mjs is missing: run scripts/build.sh");
  const build = spawnSync("cargo", ["build", "-q", "--features", "cli", "--bin", "finews-reader"], {
    cwd: root,
    stdio: "inherit",
  });
  assert.equal(build.status, 0, "cargo build --features cli");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // A post that fails, one with bytes that are not UTF-8, and a file that is not there.
  writeFileSync(`${scratch}/empty.md`, "  \n");
  writeFileSync(`${scratch}/latin1.md`, Buffer.from("---\ntitle: caf\xe9\n---\nprix \xe9lev\xe9\n", "latin1"));
});

test("both commands write the same bytes", () => {
  const inputs = ["tests/fixtures", "tests/regressions", `${scratch}/empty.md`, `${scratch}/latin1.md`, `${scratch}/missing.md`];
  const runs = { native, npm };
  const out = {};
  for (const [name, run] of Object.entries(runs)) {
    const args = ["render", ...inputs, "--html", `${scratch}/${name}-pages`, "--index", `${scratch}/${name}-index.json`];
    const result = run(args);
    assert.equal(result.status, 1, `${name}: posts failed: ${result.stderr}`);
    assert.match(result.stderr.toString(), /\d+ rendered \(\d+ with warnings\), \d+ failed, in /);
    out[name] = result.stdout;
  }
  const lines = out.native.toString().trimEnd().split("\n");
  assert.ok(lines.length > 70, `${lines.length} records`);
  assert.match(lines.at(-1), /"code":"unreadable"/);
  assert.match(lines.at(-2), /"code":"invalid-text"/, "the Latin-1 post rendered with a warning");
  assert.match(lines.at(-3), /"code":"empty"/);
  const failed = lines.filter((line) => line.startsWith('{"file":')).length;
  assert.ok(out.npm.equals(out.native), "stdout differs");

  const index = readFileSync(`${scratch}/native-index.json`);
  assert.ok(readFileSync(`${scratch}/npm-index.json`).equals(index), "index differs");
  assert.equal(JSON.parse(index).length, lines.length - failed);

  const pages = readdirSync(`${scratch}/native-pages`).sort();
  assert.deepEqual(readdirSync(`${scratch}/npm-pages`).sort(), pages);
  assert.equal(pages.length, lines.length - failed);
  for (const page of pages) {
    const html = readFileSync(`${scratch}/native-pages/${page}`);
    assert.ok(readFileSync(`${scratch}/npm-pages/${page}`).equals(html), `${page} differs`);
    assert.doesNotMatch(html.toString(), /<script/i, page);
  }
});

test("both commands treat usage errors alike", () => {
  for (const args of [[], ["render"], ["render", "--bogus", "x.md"], ["draw", "x.md"]]) {
    assert.equal(npm(args).status, 2, `npm: ${args.join(" ")}`);
    assert.equal(native(args).status, 2, `native: ${args.join(" ")}`);
  }
  const help = npm(["render", "--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout.toString(), /--html <DIR>[\s\S]*--index <FILE>/);
  const empty = npm(["render", `${root}tests/golden`]);
  assert.equal(empty.status, 0, "a folder without posts is no failure");
  assert.equal(empty.stdout.length, 0);
});
