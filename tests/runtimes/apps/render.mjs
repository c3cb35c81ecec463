// Node, Deno and Bun run this same file: `node render.mjs post.md`,
// `deno run --allow-read render.mjs post.md`, `bun render.mjs post.md`.
import init, { renderPost } from "finews-reader";
import { readFile } from "node:fs/promises";

await init();
const article = renderPost(await readFile(process.argv[2], "utf8"));
console.log(JSON.stringify(article));
