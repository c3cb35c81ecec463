// The packed package installed by name in a fresh project per runtime, run by Node, Deno
// and Bun (the last two from their npm packages, pinned in package-lock.json): the same
// apps/render.mjs, `import init, { renderPost } from "finews-reader"; await init();`.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { app, assertArticle, bin, project, run, seed } from "./helpers.mjs";

const RUNTIMES = {
  node: (dir) => [process.execPath, ["render.mjs", "seed.md"]],
  // No update check, no prompts: the machine reaches only the package registries.
  deno: (dir) => [bin("deno"), ["run", "--quiet", "--no-prompt", `--allow-read=${dir}`, "render.mjs", "seed.md"]],
  bun: (dir) => [bin("bun"), ["render.mjs", "seed.md"]],
  // Deno's own specifier: with a package.json, `npm:` resolves to the installed package too.
  "deno (npm: specifier)": (dir) => {
    writeFileSync(join(dir, "render.mjs"), app("render.mjs").replace('from "finews-reader"', 'from "npm:finews-reader"'));
    return RUNTIMES.deno(dir);
  },
};

for (const [name, command] of Object.entries(RUNTIMES)) {
  test(`${name} renders the seed post from the installed tarball`, { timeout: 120_000 }, async () => {
    const resolve = 'console.log(import.meta.resolve("finews-reader"));';
    const { dir, remove } = project(name.split(" ")[0], { "render.mjs": app("render.mjs"), "seed.md": seed, "resolve.mjs": resolve });
    try {
      const [file, args] = command(dir);
      // A registry nobody answers on: the package must come from node_modules, never fetched.
      const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/" };
      const stdout = await run(file, args, { cwd: dir, env });
      const article = JSON.parse(stdout);
      assertArticle(article);
      assert.equal(article.frontMatter.layout, "post");
      // All three take the package's `node` entry (the .wasm read with node:fs).
      const entry = await run(file, args.map((arg) => (arg === "render.mjs" ? "resolve.mjs" : arg)), { cwd: dir, env });
      assert.match(entry.trim(), /\/node_modules\/finews-reader\/node\.js$/);
    } finally {
      remove();
    }
  });
}

test("deno check: a TypeScript user type-checks against the published types", { timeout: 120_000 }, async () => {
  const { dir, remove } = project("types", { "types.ts": app("types.ts") });
  try {
    const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    await run(bin("deno"), ["check", "--quiet", "types.ts"], { cwd: dir, env });
    // And it fails on a type error: the check is real.
    const broken = app("types.ts").replace('const title: string = article.title;', "const title: number = article.title;");
    writeFileSync(join(dir, "types.ts"), broken);
    await assert.rejects(run(bin("deno"), ["check", "--quiet", "types.ts"], { cwd: dir, env }), /TS2322/);
  } finally {
    remove();
  }
});

test("Node: a call before init() says to await init() (not-initialized)", { timeout: 60_000 }, async () => {
  const script = [
    'import init, { renderPost } from "finews-reader";',
    "try { renderPost('x'); } catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }",
    "await init({ module_or_path: 'missing.wasm' }).catch((error) => console.log(JSON.stringify({ code: error.code, cause: error.cause.code })));",
  ].join("\n");
  const { dir, remove } = project("node-errors", { "errors.mjs": script });
  try {
    const [before, failed] = (await run(process.execPath, [join(dir, "errors.mjs")], { cwd: dir })).trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(before.code, "not-initialized");
    assert.match(before.message, /`await init\(\)`/);
    assert.deepEqual(failed, { code: "init-failed", cause: "ENOENT" });
  } finally {
    remove();
  }
});
