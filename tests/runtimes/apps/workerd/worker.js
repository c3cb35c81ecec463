// A Cloudflare Worker (ES module): POST it a raw post, get the Article as JSON.
import init, { renderPost } from "finews-reader";

export default {
  async fetch(request) {
    await init(); // resolves at once: the .wasm module was instantiated at import
    return Response.json(renderPost(await request.text()));
  },
};
