// What the reader can open as an archive, turned into the worker's "open" message: files
// (a file input, a folder input, a drop of files or folders) or a CLI index with the base
// URL that serves its raw posts.

const isPost = (name) => /\.(md|markdown)$/i.test(name);

/** Files from an <input type=file> (with or without webkitdirectory): posts only. */
export function fromFiles(fileList) {
  const files = [...fileList]
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }))
    .filter(({ path }) => isPost(path));
  return { files };
}

/** A drop: files and whole folders (walked with the entries API), posts only. */
export async function fromDrop(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length || entries.every((e) => e.isFile)) return fromFiles(dataTransfer.files);
  const files = [];
  await Promise.all(entries.map((entry) => walk(entry, files)));
  return { files: files.filter(({ path }) => isPost(path)) };
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
