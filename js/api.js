// The public functions of finews-reader over wasm-bindgen's glue (finews_reader.js, the web
// target, unchanged). Every function checks that the module is loaded, so a call before
// `init()` says what to do instead of failing inside the glue; `init` and `initSync` turn
// any loading failure into one `init-failed` error that keeps the original as its `cause`.
// The runtime entries (index.js, node.js, workerd.js) differ only in how `init()` with no
// argument finds the .wasm: each makes its `init` with this module's default export,
// `makeInit`, which their `export *` leaves out. Internal: not in the package's `exports`.
import glueInit, * as glue from "./finews_reader.js";

let ready = false;

function failure(code, message, cause) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.code = code;
  return error;
}

function notInitialized(name) {
  return failure(
    "not-initialized",
    `finews-reader: ${name}() was called before the WebAssembly module was loaded: \`await init()\` (or call \`initSync({ module })\`) first`,
  );
}

function initFailed(cause) {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return failure("init-failed", `finews-reader: the WebAssembly module could not be loaded: ${reason}`, cause);
}

/** `{ module_or_path }` or the bare value (wasm-bindgen's deprecated form): the value. */
function unwrap(argument, key) {
  const plain = argument !== null && typeof argument === "object" && Object.getPrototypeOf(argument) === Object.prototype;
  return plain ? argument[key] : argument;
}

export function renderPost(raw, options) {
  if (!ready) throw notInitialized("renderPost");
  return glue.renderPost(raw, options);
}

export function renderInto(element, raw, options) {
  if (!ready) throw notInitialized("renderInto");
  return glue.renderInto(element, raw, options);
}

export function renderPage(raw, options, stylesheet) {
  if (!ready) throw notInitialized("renderPage");
  return glue.renderPage(raw, options, stylesheet);
}

/** For the package's CLI (cli.mjs); exported so the entries cover the whole glue. */
export function archivePost(path, text, replaced, stylesheet) {
  if (!ready) throw notInitialized("archivePost");
  return glue.archivePost(path, text, replaced, stylesheet);
}

export function parseFrontMatter(raw) {
  if (!ready) throw notInitialized("parseFrontMatter");
  return glue.parseFrontMatter(raw);
}

/** Returns a promise, so it rejects (never throws) before `init()`, as on every other failure. */
export function loadPost(url, options) {
  if (!ready) return Promise.reject(notInitialized("loadPost"));
  return glue.loadPost(url, options);
}

export function formatDate(iso) {
  if (!ready) throw notInitialized("formatDate");
  return glue.formatDate(iso);
}

export function version() {
  if (!ready) throw notInitialized("version");
  return glue.version();
}

/** Loads the module from bytes or a compiled `WebAssembly.Module`: `initSync({ module })`. */
export function initSync(argument) {
  let output;
  try {
    output = glue.initSync({ module: unwrap(argument, "module") });
  } catch (cause) {
    throw initFailed(cause);
  }
  ready = true;
  return output;
}

/**
 * The `init` of one runtime. `locate(source)` turns what the user passed (`undefined` when
 * nothing) into what the glue loads; `undefined` lets the glue fetch
 * `new URL("finews_reader_bg.wasm", import.meta.url)` (the form bundlers recognise).
 */
export default function makeInit(locate) {
  return async function init(argument) {
    if (ready) return glueInit();
    try {
      const output = await glueInit({ module_or_path: await locate(unwrap(argument, "module_or_path")) });
      ready = true;
      return output;
    } catch (cause) {
      throw initFailed(cause);
    }
  };
}
