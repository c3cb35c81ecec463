// `npm run bench:archive [-- --posts N --work DIR --keep]`: an archive of N (default 40,000)
// posts made from the fixtures, rendered in one run by the native binary (release, every
// core, then one thread), the npm command (pkg/cli.mjs) and the JS peer pipelines of
// ../shared/bench (gray-matter → marked → jsdom → DOMPurify → format → pangu; and the
// string-only sanitize-html lower bound), each writing JSON Lines to a file. Prints a
// Markdown table of wall time and posts/s. Never part of `npm test`.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../", import.meta.url));
const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "40000" },
    work: { type: "string" },
    keep: { type: "boolean" },
    // Internal: run the jsdom peer over the posts listed in FILE, JSON Lines to FILE.jsonl.
    "peer-chunk": { type: "string" },
  },
});
const count = Number(values.posts);
const bench = resolve(root, "../shared/bench");

function fail(message) {
  console.error(`bench-archive: ${message}`);
  process.exit(1);
}

// The peer first: without it there is nothing to compare with.
if (!existsSync(join(bench, "lib/pipeline.mjs"))) {
  fail(`the JS peer pipeline is missing: expected ../shared/bench (${bench}) with lib/pipeline.mjs; see its README`);
}
const { workDir, depsFrom } = await import(pathToFileURL(join(bench, "lib/deps.mjs")).href);
let dep;
try {
  dep = await depsFrom(workDir(values.work));
} catch (err) {
  fail(`the JS peer's npm dependencies are missing: ${err.message}`);
}
const now = () => performance.now();
const matter = (await dep("gray-matter")).default;
const { marked } = await dep("marked");
const markdown = (s) => marked.parse(s, { async: false });
const { makeJsPipeline, makeSanitizeHtmlPipeline } = await import(pathToFileURL(join(bench, "lib/pipeline.mjs")).href);

/** The full peer as ../shared/bench/bench-node.mjs builds it (jsdom). */
async function jsdomPipeline() {
  const { JSDOM } = await dep("jsdom");
  const { window } = new JSDOM("<!doctype html><html><body></body></html>");
  const parser = new window.DOMParser();
  const parseHTML = (html) => parser.parseFromString(html, "text/html");
  const DOMPurify = (await dep("dompurify")).default(window);
  const pangu = (await dep("pangu")).default;
  return makeJsPipeline("js-jsdom", { matter, markdown, DOMPurify, parseHTML, spacingText: (s) => pangu.spacingText(s), now });
}

/** Runs `pipeline` over `paths`, JSON Lines to `out`; the number of posts that threw. */
function runPeer(pipeline, paths, out) {
  const fd = openSync(out, "w");
  let failed = 0;
  for (const path of paths) {
    let line;
    try {
      // The peers return `{ out: { meta, html }, t: stage timings }`.
      line = JSON.stringify(pipeline.run(readFileSync(path, "utf8")).out);
    } catch (err) {
      failed++;
      line = JSON.stringify({ file: path, error: String(err) });
    }
    writeSync(fd, `${line}\n`);
  }
  closeSync(fd);
  return failed;
}

if (values["peer-chunk"]) {
  const list = values["peer-chunk"];
  const failed = runPeer(await jsdomPipeline(), readFileSync(list, "utf8").split("\n").filter(Boolean), `${list}.jsonl`);
  process.stdout.write(`${failed}\n`);
  process.exit(0);
}
if (!existsSync(join(root, "pkg/cli.mjs"))) fail("pkg/cli.mjs is missing: run `bash scripts/build.sh` first");

console.error("bench-archive: cargo build --release --features cli");
execFileSync("cargo", ["build", "-q", "--release", "--features", "cli", "--bin", "finews-reader"], { cwd: root, stdio: "inherit" });
const binary = join(root, "target/release/finews-reader");

// The archive: the fixtures' posts copied under distinct names, 1,000 a folder.
const fixtures = readdirSync(join(root, "tests/fixtures"))
  .filter((name) => existsSync(join(root, "tests/fixtures", name, "input.md")))
  .sort()
  .map((name) => ({ name, raw: readFileSync(join(root, "tests/fixtures", name, "input.md")) }));
const dir = mkdtempSync(join(tmpdir(), "finews-archive-"));
const archive = join(dir, "posts");
const paths = [];
for (let i = 0; i < count; i++) {
  const folder = join(archive, String(Math.floor(i / 1000)).padStart(3, "0"));
  if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
  const { name, raw } = fixtures[i % fixtures.length];
  const path = join(folder, `${String(i).padStart(6, "0")}-${name}.md`);
  writeFileSync(path, raw);
  paths.push(path);
}
const bytes = paths.reduce((sum, path) => sum + statSync(path).size, 0);
console.error(`bench-archive: ${count} posts (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${archive}`);

/** Runs a command with stdout to a file; the wall time and the lines written. */
function timed(name, threads, command, args, env = {}) {
  const out = join(dir, `${name.replace(/\W+/g, "-")}.jsonl`);
  const fd = openSync(out, "w");
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: ["ignore", fd, "pipe"], env: { ...process.env, ...env } });
  const ms = performance.now() - started;
  closeSync(fd);
  if (run.status !== 0) fail(`${name} exited with ${run.status}: ${run.stderr}`);
  const lines = readFileSync(out, "utf8").split("\n").length - 1;
  if (lines !== count) fail(`${name} wrote ${lines} lines for ${count} posts`);
  console.error(`bench-archive: ${name}: ${(ms / 1000).toFixed(1)} s`);
  return { name, threads, ms };
}

/** The jsdom peer over every post, a fresh process per 2,000: one jsdom over 40,000
 *  documents slows down tenfold and runs out of heap (measured), so each process ends
 *  before that. Process start-up is in the wall time, as it would be for such a tool. */
function jsdomPeer() {
  const started = performance.now();
  let failed = 0;
  for (let i = 0; i < paths.length; i += 2000) {
    const list = join(dir, `peer-${i}.txt`);
    writeFileSync(list, paths.slice(i, i + 2000).join("\n"));
    const args = [fileURLToPath(import.meta.url), "--peer-chunk", list];
    if (values.work) args.push("--work", values.work);
    const run = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (run.status !== 0) fail(`the jsdom peer failed: ${run.stderr}`);
    failed += Number(run.stdout);
  }
  const ms = performance.now() - started;
  console.error(`bench-archive: js-jsdom: ${(ms / 1000).toFixed(1)} s, ${failed} threw`);
  return { name: "js-jsdom", threads: 1, ms, failed };
}

const cores = availableParallelism();
const rows = [
  timed("native `finews-reader`", cores, binary, ["render", archive]),
  timed("native `finews-reader`, 1 thread", 1, binary, ["render", archive], { RAYON_NUM_THREADS: "1" }),
  timed("npm `cli.mjs` (wasm)", 1, process.execPath, [join(root, "pkg/cli.mjs"), "render", archive]),
];

const sanitizeHtml = (await dep("sanitize-html")).default;
const started = performance.now();
const shFailed = runPeer(makeSanitizeHtmlPipeline("sanitize-html", { matter, markdown, sanitizeHtml, now }), paths, join(dir, "sanitize-html.jsonl"));
const sanitizeRow = { name: "sanitize-html", threads: 1, ms: performance.now() - started, failed: shFailed };
const peers = [jsdomPeer(), sanitizeRow];
const reference = peers[0];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const table = [
  `| ${count.toLocaleString("en")} posts | threads | wall | posts/s | vs JS peer (\`js-jsdom\`) |`,
  "|---|---|---|---|---|",
  ...[...rows, ...peers].map((r) => {
    const name = r.name === "js-jsdom" ? "JS peer `js-jsdom` (full pipeline)" : r.name === "sanitize-html" ? "JS `sanitize-html` (string-only lower bound)" : r.name;
    const failed = r.failed ? ` (${r.failed} threw)` : "";
    return `| ${name}${failed} | ${r.threads} | ${seconds(r.ms)} | ${Math.round(count / (r.ms / 1000)).toLocaleString("en")} | ${(reference.ms / r.ms).toFixed(2)}× |`;
  }),
].join("\n");
console.log(table);
if (values.keep) console.error(`bench-archive: kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
