// `npm run size`: what a browser downloads, compressed: the .wasm and the JS it imports in pkg/.
// KB = 1024 bytes; gzip at level 9, brotli at quality 11 (what a CDN serves precompressed).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const pkg = fileURLToPath(new URL("../pkg/", import.meta.url));
const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));

/** `entry` and the modules it imports, transitively (relative imports only). */
function imports(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(pkg, entry), "utf8");
  for (const [, path] of text.matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) imports(path, seen);
  return seen;
}

// The browser's entry and what it imports, and the .wasm it fetches: not the Node,
// workerd or CLI entries.
const browser = manifest.exports["."].browser.replace(/^\.\//, "");
const files = [...imports(browser), ...readdirSync(pkg).filter((f) => f.endsWith(".wasm"))].sort();
if (!files.some((f) => f.endsWith(".wasm"))) {
  console.error("size: no .wasm in pkg/: run scripts/build.sh first");
  process.exit(1);
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of files) {
  const data = readFileSync(join(pkg, file));
  const sizes = {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
  for (const key in total) total[key] += sizes[key];
  console.log(`${file.padEnd(28)} raw ${kb(sizes.raw).padStart(7)} KB  gzip ${kb(sizes.gzip).padStart(6)} KB  brotli ${kb(sizes.brotli).padStart(6)} KB`);
}
console.log(`SIZE wasm+glue gzip ${kb(total.gzip)} KB brotli ${kb(total.brotli)} KB`);
