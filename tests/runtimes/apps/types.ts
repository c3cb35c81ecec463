// A TypeScript user of the package, type-checked by `deno check` against the published
// types (the `types` condition: index.d.ts, re-exporting the generated declarations).
import init, { type Article, type ErrorCode, type FinewsError, formatDate, initSync, renderPost } from "finews-reader";

await init();
const article: Article = renderPost("---\ntitle: 标题\n---\n正文。", { stockCharts: "chip" });
const title: string = article.title;
const codes: ErrorCode[] = ["not-initialized", "init-failed", "empty"];
// @ts-expect-error: not an ErrorCode (unused if the types were `any`: then the check fails)
const wrong: ErrorCode = "nope";
// @ts-expect-error: renderPost takes a string
renderPost(42);
const sync: (input: { module: WebAssembly.Module }) => unknown = initSync;
function code(error: FinewsError): ErrorCode {
  return error.code;
}
console.log(title, codes, wrong, sync, code, formatDate(article.date ?? ""));
