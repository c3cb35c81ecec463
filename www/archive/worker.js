// The archive's worker: reads every post, lists it from its front matter, renders it and
// keeps the search index. Every render of the archive happens here, never on the page's
// main thread, so the page stays responsive while thousands of posts render.
import init, { parseFrontMatter, renderPost } from "../../pkg/finews_reader.js";
import { choices } from "./filters.js";
import { SearchIndex } from "./search-index.js";

const FLUSH_MS = 100; // how often listings and renders are posted back: few messages, live progress
const FIRST_FLUSH_MS = 16; // the first batch goes at once, so the list shows while the rest loads
const FETCH_AHEAD = 8; // raw posts fetched in parallel from an index's base URL

let posts = []; // { id, path, raw, load } — load() gives the raw text
let search = new SearchIndex();
let generation = 0; // bumps on every "open": an older archive's loop stops
let renders = 0; // renderPost calls of this worker, reported for the page's structural test
let arriving = []; // for files: resolves post i's text when the page sends it

const ready = init();

/** The fields the list needs; the rest of the Article stays here. */
function listing(id, path, meta, rendered) {
  return {
    id,
    path,
    title: meta.title || path.split("/").pop(),
    date: meta.date ?? null,
    categories: meta.categories ?? [],
    tags: meta.tags ?? [],
    source: meta.source ?? null,
    excerpt: meta.excerpt ?? "",
    stocks: (meta.stocks ?? []).map(({ market, code, name, quoteUrl }) => ({ market, code, name: name ?? null, quoteUrl })),
    warnings: meta.warnings?.length ?? 0,
    rendered,
  };
}

function failed(id, path, err) {
  return { ...listing(id, path, {}, true), error: { code: err?.code ?? "unknown", message: err?.message ?? String(err) } };
}

/** Posts messages in batches: the first soon, then one per FLUSH_MS, the rest on `flush()`. */
function batcher(type) {
  let items = [];
  let last = performance.now();
  let wait = FIRST_FLUSH_MS;
  return {
    add(item) {
      items.push(item);
      if (performance.now() - last < wait) return;
      this.flush();
      wait = FLUSH_MS;
    },
    flush(extra = {}) {
      postMessage({ type, items, renders, total: posts.length, ...extra });
      items = [];
      last = performance.now();
    },
  };
}

async function readAll(mine, sources) {
  // Files (a folder, a drop, a file input) or URLs under a base URL (a CLI index).
  const listed = batcher("listed");
  posts = sources.map((s, id) => ({ id, path: s.path, raw: null, load: s.load, meta: s.meta }));
  // An index lists every post at once from its entries; files need their front matter first.
  const pending = [];
  for (const post of posts) {
    if (post.meta) listed.add((post.listing = listing(post.id, post.path, post.meta, false)));
    else pending.push(post);
  }
  await inParallel(pending, async (post) => {
    try {
      post.raw = await post.load();
      listed.add((post.listing = listing(post.id, post.path, parseFrontMatter(post.raw), false)));
    } catch (err) {
      post.error = err;
      listed.add((post.listing = failed(post.id, post.path, err)));
    }
  }, () => mine !== generation);
  if (mine !== generation) return;
  listed.flush({ done: true, choices: choicesOf() });
}

async function renderAll(mine) {
  const rendered = batcher("rendered");
  const started = performance.now();
  let count = 0;
  await inParallel(posts, async (post) => {
    if (post.error) return void count++;
    try {
      post.raw ??= await post.load();
      renders++;
      const article = renderPost(post.raw);
      search.add(post.id, article.title, article.text);
      rendered.add((post.listing = listing(post.id, post.path, article, true)));
    } catch (err) {
      rendered.add((post.listing = failed(post.id, post.path, err)));
    }
    count++;
  }, () => mine !== generation);
  if (mine !== generation) return;
  rendered.flush({ done: true, ms: performance.now() - started, count, choices: choicesOf() });
}

// The filters' choices, counted here: over 40,000 posts that is a long task on the page's thread.
const choicesOf = () => choices(posts.map((post) => post.listing));

/** Runs `task` over `items`, FETCH_AHEAD at a time (the renders themselves are synchronous). */
async function inParallel(items, task, stopped) {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: FETCH_AHEAD }, lane));
}

/**
 * Files: the page reads them and streams their texts ("texts" messages), as cloning
 * thousands of File objects into one message would stall its thread for seconds. Made at
 * once on "open", before any await, so that no text arrives before its post.
 */
function filesOf(paths) {
  const texts = paths.map(() => Promise.withResolvers());
  arriving = texts;
  return paths.map((path, i) => ({ path, load: () => texts[i].promise }));
}

function urlsOf(message) {
  const base = new URL(message.base, message.indexUrl ?? self.location.href);
  return message.entries.map((entry) => ({
    path: entry.path,
    // Entries with a title came from the CLI's --index: listed as they are.
    meta: entry.title != null ? entry : null,
    load: () => fetchText(new URL(entry.path, base).href),
  }));
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}: ${url}`), { code: "fetch" });
  return response.text();
}

async function open(message) {
  const mine = ++generation;
  search = new SearchIndex();
  const files = message.paths ? filesOf(message.paths) : null;
  try {
    await ready;
    let entries = message.entries;
    if (message.indexUrl) {
      entries = JSON.parse(await fetchText(message.indexUrl));
      if (!Array.isArray(entries)) throw Object.assign(new Error("the index is not a JSON array"), { code: "index" });
    }
    await readAll(mine, files ?? urlsOf({ ...message, entries }));
    await renderAll(mine);
  } catch (err) {
    if (mine === generation) postMessage({ type: "failed", code: err.code ?? "unknown", message: err.message });
  }
}

const handlers = {
  open,
  texts({ from, texts, errors }) {
    texts.forEach((text, i) => {
      const post = arriving[from + i];
      if (text == null) post?.reject(Object.assign(new Error(errors[i].message), { code: errors[i].code }));
      else post?.resolve(text);
    });
  },
  search({ seq, query }) {
    postMessage({ type: "results", seq, ...search.find(query) });
  },
  async raw({ seq, id }) {
    const post = posts[id];
    try {
      post.raw ??= await post.load();
      postMessage({ type: "raw", seq, id, raw: post.raw });
    } catch (err) {
      postMessage({ type: "raw", seq, id, error: { code: err.code ?? "unknown", message: err.message } });
    }
  },
};

self.onmessage = ({ data }) => handlers[data.type]?.(data);
