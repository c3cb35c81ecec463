// A module Web Worker: `new Worker("worker.js", { type: "module" })`, then post it a raw post.
import init, { renderPost } from "./node_modules/finews-reader/index.js";

const ready = init();
self.onmessage = async (event) => {
  await ready;
  self.postMessage(renderPost(event.data));
};
