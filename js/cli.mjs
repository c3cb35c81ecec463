#!/usr/bin/env node
// `npx finews-reader render <files or folders>… [--html DIR] [--index FILE]`: the npm
// package's command. Same flags, same bytes out as the native binary (`cargo install
// finews-reader --features cli`): what a post gives comes from the wasm (src/archive.rs);
// this file only walks, reads and writes, on one thread (the native binary uses every core).
// Shipped in the package next to the glue as `cli.mjs` (scripts/package.mjs copies it).
import { once } from "node:events";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import init, { archivePost, version } from "./node.js";

const HELP = `Turns raw Jekyll posts of EastMoney news into clean, safe articles.

Usage: finews-reader render [OPTIONS] <FILE|DIR>...

Render posts to JSON Lines on stdout, in input order. One line per post: its Article,
or {"file", "error": {"code", "message"}} when it failed. Exit status 1 when any post
failed, 2 on a usage error.

Arguments:
  <FILE|DIR>...  Post files, and folders walked recursively for *.md and *.markdown

Options:
      --html <DIR>    Write a standalone HTML page per rendered post into DIR (named after the post's file)
      --index <FILE>  Write the index of rendered posts to FILE: a JSON array, one post a line
  -h, --help          Print help
  -V, --version       Print version
`;

function usageError(message) {
  process.stderr.write(`error: ${message}\n\nUsage: finews-reader render [OPTIONS] <FILE|DIR>...\n\nFor more information, try '--help'.\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      html: { type: "string" },
      index: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "V" },
    },
  });
} catch (err) {
  usageError(err.message);
}
const { values, positionals } = args;
await init();
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (values.version) {
  process.stdout.write(`finews-reader ${version()}\n`);
  process.exit(0);
}
const [command, ...inputs] = positionals;
if (command !== "render") usageError(command ? `unrecognized subcommand '${command}'` : "a subcommand is required");
if (inputs.length === 0) usageError("the following required arguments were not provided: <FILE|DIR>...");

/** The posts under `dir`, as the native binary walks them: depth first, names in byte
 *  order, linked folders not followed, a folder that cannot be listed kept as a post
 *  (it is reported as unreadable). Paths joined as Rust's `Path::join` does. */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    out.push(dir);
    return;
  }
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const entry of entries) {
    const path = dir.endsWith("/") ? dir + entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(md|markdown)$/i.test(entry.name)) out.push(path);
  }
}

async function main() {
  const started = performance.now();
  const paths = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // A missing input is an unreadable post.
    }
    if (isDir) walk(input, paths);
    else paths.push(input);
  }
  const html = values.html;
  const names = html === undefined ? [] : pageNames(paths);
  const stylesheet = html === undefined ? undefined : readFileSync(new URL("./page.css", import.meta.url), "utf8");
  if (html !== undefined) mkdirSync(html, { recursive: true });

  // As Rust's `String::from_utf8_lossy`: same replacement rule, a BOM kept (the core drops it).
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
  const progress = progressLine(paths.length);
  const index = [];
  const counts = { rendered: 0, warnings: 0, failed: 0 };
  let lines = [];
  for (let i = 0; i < paths.length; i++) {
    let text;
    let replaced = false;
    try {
      const bytes = readFileSync(paths[i]);
      try {
        text = strict.decode(bytes);
      } catch {
        [text, replaced] = [lenient.decode(bytes), true];
      }
    } catch (err) {
      process.stderr.write(`finews-reader: ${paths[i]}: ${err.message}\n`);
    }
    const post = split(archivePost(paths[i], text, replaced, stylesheet));
    if (post.page) writeFileSync(join(html, names[i]), post.page);
    if (post.indexEntry) index.push(post.indexEntry);
    counts[post.status]++;
    lines.push(post.record, "\n");
    if (lines.length >= 512) {
      await write(lines.join(""));
      lines = [];
    }
    progress(i + 1);
  }
  await write(lines.join(""));
  // As archive::index_document: a JSON array, one entry a line.
  if (values.index !== undefined) {
    writeFileSync(values.index, index.length === 0 ? "[]\n" : `[\n${index.join(",\n")}\n]\n`);
  }
  progress(-1);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rendered = counts.rendered + counts.warnings;
  process.stderr.write(
    `finews-reader: ${rendered} rendered (${counts.warnings} with warnings), ${counts.failed} failed, in ${seconds} s\n`,
  );
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

/** As archive::page_names (a twin, kept out of the wasm for its size): the post's file
 *  name with `.html` for its extension, `-2`, `-3` … where a name (ASCII case aside) is taken. */
function pageNames(paths) {
  const taken = new Set();
  return paths.map((path) => {
    const name = path.split(/[/\\]/).pop();
    const dot = name.lastIndexOf(".");
    const stem = (dot > 0 ? name.slice(0, dot) : name) || "post";
    let candidate = `${stem}.html`;
    for (let n = 2; taken.has(candidate.replace(/[A-Z]+/g, (s) => s.toLowerCase())); n++) candidate = `${stem}-${n}.html`;
    taken.add(candidate.replace(/[A-Z]+/g, (s) => s.toLowerCase()));
    return candidate;
  });
}

/** `status\0record\0indexEntry\0page` from the wasm (`archivePost`); the page is last, as
 *  only it could hold a NUL (records and entries are JSON). */
function split(post) {
  const a = post.indexOf("\0");
  const b = post.indexOf("\0", a + 1);
  const c = post.indexOf("\0", b + 1);
  return { status: post.slice(0, a), record: post.slice(a + 1, b), indexEntry: post.slice(b + 1, c), page: post.slice(c + 1) };
}

/** Waits when the pipe is full, so a huge archive never sits in memory. */
async function write(text) {
  if (text && !process.stdout.write(text)) await once(process.stdout, "drain");
}

/** `done/total posts, N/s, ETA` on a terminal, at most 5 times a second; `-1` clears it. */
function progressLine(total) {
  if (!process.stderr.isTTY) return () => {};
  const started = performance.now();
  let shown = 0;
  return (done) => {
    const now = performance.now();
    if (done === -1) return void process.stderr.write("\r\x1b[K");
    if (now - shown < 200 && done < total) return;
    shown = now;
    const rate = done / Math.max((now - started) / 1000, 1e-3);
    const eta = Math.ceil((total - done) / Math.max(rate, 1e-3));
    process.stderr.write(`\r\x1b[K${done}/${total} posts, ${rate.toFixed(0)}/s, ETA ${eta}s`);
  };
}

process.stdout.on("error", (err) => {
  // A closed pipe (`| head`) ends the run like the native binary's failed write.
  process.stderr.write(`finews-reader: stdout: ${err.message}\n`);
  process.exit(1);
});
main().catch((err) => {
  process.stderr.write(`finews-reader: ${err.message}\n`);
  process.exit(1);
});
