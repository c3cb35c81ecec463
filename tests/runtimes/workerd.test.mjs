// The packed package installed by name in a fresh project, served by workerd (the npm
// package, pinned) on 127.0.0.1 and queried over HTTP. Workers may not compile WebAssembly
// from bytes: as Wrangler does, the config lists the package's modules as the `workerd`
// export condition resolves them, the .wasm as a compiled module.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { app, assertArticle, bin, project, seed, startWorkerd } from "./helpers.mjs";

/**
 * A workerd config serving `main` (a path relative to `dir`, where the config goes: capnp
 * embeds are relative) with the installed finews-reader, its modules named as the Worker
 * imports them: the entry as "finews-reader", the rest by their file names beside it.
 */
export function workerdConfig(dir, main) {
  const installed = "node_modules/finews-reader";
  const manifest = JSON.parse(readFileSync(join(dir, installed, "package.json"), "utf8"));
  const entry = manifest.exports["."].workerd;
  assert.equal(typeof entry, "string", "the package has a workerd condition");
  const modules = [`(name = "worker.js", esModule = embed "${main}")`, `(name = "finews-reader", esModule = embed "${join(installed, entry)}")`];
  const entrySource = readFileSync(join(dir, installed, entry), "utf8");
  const seen = new Set();
  const follow = (source) => {
    for (const [, file] of source.matchAll(/from "\.\/([\w.-]+)"/g)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const path = join(installed, file);
      if (file.endsWith(".wasm")) {
        modules.push(`(name = "${file}", wasm = embed "${path}")`);
      } else {
        modules.push(`(name = "${file}", esModule = embed "${path}")`);
        follow(readFileSync(join(dir, path), "utf8"));
      }
    }
  };
  follow(entrySource);
  return [
    'using Workerd = import "/workerd/workerd.capnp";',
    "const config :Workerd.Config = (",
    '  services = [(name = "main", worker = .worker)],',
    '  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],',
    ");",
    "const worker :Workerd.Worker = (",
    `  modules = [\n    ${modules.join(",\n    ")}\n  ],`,
    '  compatibilityDate = "2025-01-01",',
    ");",
    "",
  ].join("\n");
}

test("workerd renders the seed post from the installed tarball, over HTTP", { timeout: 120_000 }, async () => {
  const { dir, remove } = project("workerd", { "worker.js": app("workerd/worker.js") });
  let server;
  try {
    const config = join(dir, "config.capnp");
    writeFileSync(config, workerdConfig(dir, "worker.js"));
    server = await startWorkerd(config);
    const response = await fetch(`${server.origin}/`, { method: "POST", body: seed });
    assert.equal(response.status, 200, server.stderr());
    assert.match(response.headers.get("content-type"), /^application\/json/);
    assertArticle(await response.json());
  } finally {
    await server?.close();
    remove();
  }
});

test("workerd bundles the Worker as Wrangler does (esbuild, wrangler.json) and renders the seed", { timeout: 120_000 }, async () => {
  // workerd's wrangler.json mode bundles `main` with esbuild (pinned here) the way Wrangler
  // does: the `workerd` condition picks the entry and `*.wasm` imports become modules.
  const wrangler = { name: "finews-reader-test", main: "worker.js", compatibility_date: "2025-01-01" };
  const { dir, remove } = project("workerd-bundled", { "worker.js": app("workerd/worker.js"), "wrangler.json": JSON.stringify(wrangler) });
  let server;
  try {
    server = await startWorkerd(join(dir, "wrangler.json"), { env: { WORKERD_ESBUILD: bin("esbuild") } });
    const response = await fetch(`${server.origin}/`, { method: "POST", body: seed });
    assert.equal(response.status, 200, server.stderr());
    assertArticle(await response.json());
  } finally {
    await server?.close();
    remove();
  }
});
