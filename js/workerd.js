// finews-reader for Cloudflare Workers (workerd): a Worker may not compile WebAssembly from
// bytes at run time, so the .wasm is imported as a module (Wrangler and workerd configs do
// this for `*.wasm`) and instantiated right here, at import. `await init()` then resolves
// at once, so the same code runs everywhere.
import wasm from "./finews_reader_bg.wasm";
import makeInit, { initSync } from "./api.js";

initSync({ module: wasm });

// Every public function, each refusing to run before the module is loaded.
export * from "./api.js";

/** The module is already loaded: resolves at once. */
export default makeInit((source) => source);
