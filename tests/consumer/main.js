// A user of the npm package: init once, render the seed post into the page.
import init, { renderPost, renderInto } from "finews-reader";
import seed from "./seed.md?raw";

async function main() {
  await init();
  const article = renderInto(document.getElementById("app"), seed);
  document.title = article.title;
  // renderPost gives the same Article without touching the DOM: list its headings.
  const toc = document.getElementById("toc");
  for (const entry of renderPost(seed).toc) {
    const link = document.createElement("a");
    link.href = `#${encodeURIComponent(entry.id)}`;
    link.textContent = entry.text;
    toc.append(link);
  }
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  console.error(error);
  document.body.dataset.ready = "error";
});
