// Turns wasm-pack's pkg/ into the published package: the handwritten entries of js/ over
// wasm-bindgen's web glue, package.json with an `exports` map that picks one per runtime,
// the README, and a .d.ts whose every line is the public contract (pinned by
// tests/golden/finews_reader.d.ts).
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");

/** The few [package] keys we need from Cargo.toml (single-line string values only). */
function cargoPackage() {
  const toml = readFileSync(join(root, "Cargo.toml"), "utf8");
  const section = toml.split(/^\[package\]$/m)[1].split(/^\[/m)[0];
  const value = (key) => section.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m"))?.[1];
  const keywords = section.match(/^keywords\s*=\s*\[([^\]]*)\]/m)?.[1] ?? "";
  return {
    version: value("version"),
    description: value("description"),
    license: value("license"),
    repository: value("repository"),
    keywords: [...keywords.matchAll(/"([^"]+)"/g)].map((m) => m[1]),
  };
}

/**
 * wasm-bindgen lists the module's raw ABI in `InitOutput`: mangled closure names that
 * change from build to build, typed `any`. That is no contract; say only what is one.
 */
function tidyTypes(file) {
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const tidy = text.replace(
    // (Our own comment included, so running this again changes nothing.)
    /(?:\/\*\* The instantiated module's raw exports[^\n]*\n)?export interface InitOutput \{\n[\s\S]*?\n\}\n/,
    [
      "/** The instantiated module's raw exports: internal, use the functions above. */",
      "export interface InitOutput {",
      "    readonly memory: WebAssembly.Memory;",
      "    readonly [name: string]: unknown;",
      "}",
      "",
    ].join("\n"),
  );
  writeFileSync(file, tidy);
}

const cargo = cargoPackage();
const generated = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
if (generated.version !== cargo.version) {
  throw new Error(`pkg/package.json has ${generated.version}, Cargo.toml ${cargo.version}`);
}

// The entries (js/): one per runtime where one build cannot serve all, over the same glue.
const entries = readdirSync(join(root, "js")).sort();
for (const file of entries) copyFileSync(join(root, "js", file), join(pkg, file));

const manifest = {
  name: "finews-reader",
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  repository: { type: "git", url: `git+${cargo.repository}.git` },
  keywords: [...new Set([...cargo.keywords, "webassembly", "eastmoney", "jekyll"])],
  type: "module",
  main: "./index.js",
  module: "./index.js",
  types: "./index.d.ts",
  exports: {
    // First match wins. Workers may not compile bytes at run time: the .wasm is imported as
    // a module. Node's fetch refuses file: URLs: read it with node:fs (Deno and Bun take
    // this one too). Browsers, Web Workers and bundlers: the glue fetches it.
    ".": {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      browser: "./index.js",
      node: "./node.js",
      default: "./index.js",
    },
    "./finews_reader_bg.wasm": "./finews_reader_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [...entries, "finews_reader.js", "finews_reader.d.ts", "finews_reader_bg.wasm", "README.md", "page.css"],
  // `npx finews-reader render …`: the archive CLI (js/cli.mjs, copied with the entries) and
  // its pages' stylesheet.
  bin: { "finews-reader": "./cli.mjs" },
  // Importing defines functions; the wasm starts when `init()` is called, except in
  // workerd.js, which instantiates the imported module at import.
  sideEffects: ["./workerd.js"],
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

if (!existsSync(join(pkg, "README.md")) && existsSync(join(root, "README.md"))) {
  copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
}
chmodSync(join(pkg, "cli.mjs"), 0o755);
copyFileSync(join(root, "assets", "page.css"), join(pkg, "page.css"));
tidyTypes(join(pkg, "finews_reader.d.ts"));
console.log(`package.mjs: pkg/ is finews-reader@${cargo.version}`);
