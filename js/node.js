// finews-reader for Node (and Deno and Bun, which resolve the `node` condition too): Node's
// `fetch` refuses `file:` URLs, so `await init()` reads the .wasm beside this file with
// node:fs. A path or a `file:` URL given to `init` is read the same way; `http(s):` URLs,
// bytes and modules go to the glue as they are.
import { readFile } from "node:fs/promises";
import makeInit from "./api.js";

// Every public function, each refusing to run before the module is loaded.
export * from "./api.js";

/** A file to read for `source`, or `undefined` when `source` is no file. */
function fileOf(source) {
  if (source === undefined) return new URL("./finews_reader_bg.wasm", import.meta.url);
  if (source instanceof URL) return source.protocol === "file:" ? source : undefined;
  if (typeof source !== "string") return undefined;
  if (source.startsWith("file:")) return new URL(source);
  // A URL scheme (two letters at least: `C:\…` is a Windows path).
  return /^[a-z][a-z\d+.-]+:/i.test(source) ? undefined : source;
}

/** Loads the module: `await init()` once, before any other call. */
export default makeInit(async (source) => {
  const file = fileOf(source);
  return file === undefined ? source : readFile(file);
});
