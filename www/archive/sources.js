// What the reader can open as an archive, turned into the worker's "open" message: files
// (a file input, a folder input, a drop of files or folders) or a CLI index with the base
// URL that serves its raw posts.

const isPost = (name) => /\.(md|markdown)$/i.test(name);

/** Files from an <input type=file> (with or without webkitdirectory): posts only. */
export function fromFiles(fileList) {
  return withPaths([...fileList].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
}

// The worker gets the paths; the page streams the texts (see streamTexts).
function withPaths(files) {
  const posts = files.filter(({ path }) => isPost(path));
  return { paths: posts.map((p) => p.path), files: posts.map((p) => p.file) };
}

const FIRST_READ = 8; // a few files first, so the list shows at once
const READ_AHEAD = 64; // then this many at once: enough to keep the worker busy

/**
 * Reads `files` and sends their texts to the worker in order, until `stopped()`. file.text()
 * costs this thread 0.2-0.35 ms a file, in chunks of 64 that leave it free between them.
 * Measured with 20,000 files, the other ways cost more: posting the File objects for the
 * worker to read, 0.9 ms a file (and one message of them all kept the worker from listing
 * for seconds); a Blob of each 500 files and their sizes, 0.85 ms a file.
 */
export async function streamTexts(worker, files, stopped) {
  for (let from = 0, size = FIRST_READ; from < files.length && !stopped(); from += size, size = READ_AHEAD) {
    const read = await Promise.allSettled(files.slice(from, from + size).map((f) => f.text()));
    if (stopped()) return;
    const texts = read.map((r) => (r.status === "fulfilled" ? r.value : null));
    const errors = read.map((r) => (r.status === "rejected" ? { code: "unreadable", message: String(r.reason?.message ?? r.reason) } : null));
    worker.postMessage({ type: "texts", from, texts, errors });
  }
}

/** A drop: files and whole folders (walked with the entries API), posts only. */
export async function fromDrop(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length || entries.every((e) => e.isFile)) return fromFiles(dataTransfer.files);
  const files = [];
  await Promise.all(entries.map((entry) => walk(entry, files)));
  return withPaths(files);
}

async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ""), file });
    return;
  }
  const reader = entry.createReader();
  // readEntries returns at most 100 entries a call: read until it returns none.
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    await Promise.all(batch.map((child) => walk(child, out)));
  }
}

/** A CLI index (`--index`) and the base URL of its raw posts: the index's folder by default. */
export function fromIndex(indexUrl, base) {
  const index = new URL(indexUrl, location.href);
  return { indexUrl: index.href, base: new URL(base || ".", index).href };
}

/** Posts at URLs under `base`, listed from their front matter (the bundled samples). */
export function fromPaths(paths, base) {
  return { entries: paths.map((path) => ({ path })), base: new URL(base, location.href).href };
}
