// finews-reader for browsers (a page or a Web Worker, with or without a bundler) and every
// runtime whose `fetch` reads the .wasm beside this file: `await init()` fetches it.
import makeInit from "./api.js";

// Every public function, each refusing to run before the module is loaded.
export * from "./api.js";

/** Loads the module: `await init()` once, before any other call. */
export default makeInit((source) => source);
