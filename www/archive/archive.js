// The archive view: opens an archive in the worker, lists it at once, filters, searches,
// keeps the URL's hash in step and hands a chosen post to the reading view. This module
// never renders: it imports nothing from the package, and every render of the archive
// happens in worker.js (the e2e tests check both).
import { FILTERS, dayOf, passes } from "./filters.js";
import { VirtualList } from "./list.js";
import { KEYS, readHash, writeHash } from "./router.js";
import { fromDrop, fromFiles, fromIndex, fromPaths, streamTexts } from "./sources.js";

const REFRESH_MS = 250; // the list follows the worker's batches at most this often

const $ = (id) => document.getElementById(id);
const el = (tag, text, props = {}) => Object.assign(document.createElement(tag), text == null ? {} : { textContent: text }, props);
const timeOf = (entry) => (entry.date ? Date.parse(entry.date) : -Infinity);

/**
 * @param {{ show(raw: string, name: string): unknown, showError(err, name): void, safeHref(url): string|null }} reader
 *   the reading view of app.js
 */
export function startArchive(reader) {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const state = Object.fromEntries(KEYS.map((k) => [k, ""]));
  const progress = $("archive-progress");
  const status = $("archive-status");
  const search = $("archive-q");
  const stockPage = $("archive-stock-page");
  const list = new VirtualList($("archive-list"), { onOpen: (id) => openPost(id), onStock: (key) => setState({ stock: key, post: "" }), formatDay: dayOf });

  let entries = []; // by id, as the worker lists and renders them
  let listed = 0;
  let rendered = 0;
  let total = 0;
  let hits = null; // { ids: Set, snippets: Map } of the current query, or null
  let seq = 0;
  let timer = 0;
  const waiting = new Map(); // seq → resolve, for the worker's answers
  let opened = 0; // bumps on every open: an older archive's files stop streaming
  let openFirst = false; // an archive the reader opened shows its newest post once indexed
  let order = []; // every listed id, newest first
  let arrived = []; // ids listed since the last draw: sorted alone and merged in, so a
  // 40,000-post listing never re-sorts the whole list on every batch

  // ---- The worker's messages. ----

  const onMessage = {
    listed({ items, done, total: count, choices }) {
      for (const item of items) entries[item.id] = { ...item, time: timeOf(item) };
      for (const item of items) arrived.push(item.id);
      listed += items.length;
      total = count;
      progress.max = Math.max(total, 1);
      setPhase(done ? "indexing" : "listing");
      if (choices) fillChoices(choices);
      refresh(done || order.length === 0); // the first rows at once, then every REFRESH_MS
      if (done) restorePost();
    },
    rendered({ items, done, renders, ms, choices }) {
      for (const item of items) entries[item.id] = { ...item, time: timeOf(item) };
      if (choices) fillChoices(choices);
      rendered += items.length;
      document.body.dataset.workerRenders = renders;
      progress.value = rendered;
      if (done) {
        setPhase("indexed");
        status.textContent = `已索引 ${total.toLocaleString("zh-CN")} 篇 · ${Math.round(ms).toLocaleString("zh-CN")} ms`;
        runSearch(); // the index is complete now
        // Only now: while the archive indexes, this thread renders nothing.
        if (openFirst && !state.post && list.ids.length) openPost(list.ids[0]);
      } else status.textContent = `正在渲染 ${rendered.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")}`;
      refresh(done);
    },
    failed({ code, message }) {
      setPhase("failed");
      status.textContent = `无法打开存档：${message}`;
      reader.showError(Object.assign(new Error(message), { code }), "存档");
    },
    results: answer,
    raw: answer,
  };
  worker.onmessage = ({ data }) => onMessage[data.type](data);

  function answer(data) {
    waiting.get(data.seq)?.(data);
    waiting.delete(data.seq);
  }

  function ask(message) {
    const mine = ++seq;
    worker.postMessage({ ...message, seq: mine });
    return new Promise((resolve) => waiting.set(mine, resolve));
  }

  function setPhase(phase) {
    document.body.dataset.archive = phase;
    document.body.dataset.archiveListed = listed;
    document.body.dataset.archiveRendered = rendered;
  }

  // ---- Opening. ----

  function open(source, { label, show = true }) {
    openFirst = show && !state.post;
    entries = [];
    order = [];
    arrived = [];
    listed = rendered = 0;
    total = (source.paths ?? source.entries)?.length ?? 0;
    hits = null;
    progress.max = Math.max(total, 1);
    progress.value = 0;
    status.textContent = `正在打开 ${label}`;
    setPhase("listing");
    $("archive").open = true;
    const { files, ...message } = source;
    worker.postMessage({ type: "open", ...message });
    const mine = ++opened;
    if (files) streamTexts(worker, files, () => mine !== opened);
    refresh(true);
  }

  // ---- The view: filters and search over the list, newest first. ----

  function refresh(now = false) {
    if (now) {
      clearTimeout(timer);
      timer = 0;
      return draw();
    }
    timer ||= setTimeout(() => {
      timer = 0;
      draw();
    }, REFRESH_MS);
  }

  function draw() {
    if (arrived.length) {
      order = merge(order, sortIds(arrived));
      arrived = [];
    }
    // No filter and no search: the whole list as it is (no 40,000-entry copy on every batch).
    const filtering = hits || FILTERS.some(({ key }) => state[key]);
    const ids = filtering ? order.filter((id) => passes(entries[id], state) && (!hits || hits.ids.has(id))) : order;
    list.show(entries, ids, { query: hits ? state.q : "", snippets: hits?.snippets, keep: list.selectedId });
    $("archive-count").textContent = `${ids.length.toLocaleString("zh-CN")} / ${order.length.toLocaleString("zh-CN")} 篇`;
    document.body.dataset.archiveShown = ids.length;
    document.body.dataset.archiveQuery = hits ? state.q : ""; // what the list shows results of
    showStockPage(ids);
    updatePrevNext();
  }

  const newer = (a, b) => entries[b].time - entries[a].time || (entries[a].path < entries[b].path ? -1 : 1);
  const sortIds = (ids) => ids.sort(newer);

  /** Two lists of ids, each newest first, as one. */
  function merge(a, b) {
    const out = new Array(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < b.length) out[k++] = newer(a[i], b[j]) <= 0 ? a[i++] : b[j++];
    while (i < a.length) out[k++] = a[i++];
    while (j < b.length) out[k++] = b[j++];
    return out;
  }

  /** The select filters' options: the worker counts them when the listing and the indexing complete. */
  function fillChoices(all) {
    for (const [key, values] of Object.entries(all)) {
      const select = $(`archive-${key}`);
      const options = [el("option", "全部", { value: "" }), ...values.map(([v, n]) => el("option", `${v}（${n}）`, { value: v }))];
      select.replaceChildren(...options);
      select.value = state[key];
    }
  }

  /** With a security named exactly (SH.600519), its page: the shown posts all mention it. */
  function showStockPage(ids) {
    const key = state.stock.toUpperCase();
    const named = (s) => `${s.market}.${s.code}`.toUpperCase() === key;
    const stock = key.includes(".") && ids.length ? entries[ids[0]].stocks.find(named) : null;
    const count = ids.length;
    stockPage.hidden = !stock;
    if (!stock) return;
    const href = reader.safeHref(stock.quoteUrl);
    const quote = href ? el("a", "行情", { href, target: "_blank", rel: "noopener noreferrer" }) : el("span", "");
    stockPage.replaceChildren(
      el("span", stock.market, { className: "badge" }),
      el("strong", stock.name ?? stock.code, { className: "stock-name" }),
      el("span", stock.code, { className: "stock-code" }),
      el("span", `${count.toLocaleString("zh-CN")} 篇提及`, { className: "stock-count" }),
      quote,
    );
  }

  async function runSearch() {
    if (!state.q.trim()) {
      hits = null;
      return refresh(true);
    }
    const query = state.q;
    const { ids, snippets } = await ask({ type: "search", query });
    if (query !== state.q) return; // a newer query is on its way
    hits = { ids: new Set(ids), snippets: new Map(ids.map((id, i) => [id, snippets[i]])) };
    refresh(true);
  }

  /** Changes the view's state from the controls, a chip, a key or the hash. */
  function setState(changes, { fromHash = false } = {}) {
    const searchChanged = "q" in changes && changes.q !== state.q;
    Object.assign(state, changes);
    if (!fromHash) writeHash(state);
    syncControls();
    if (searchChanged) runSearch();
    else refresh(true);
  }

  function syncControls() {
    search.value = state.q;
    for (const { key } of FILTERS) if ($(`archive-${key}`).value !== state[key]) $(`archive-${key}`).value = state[key];
  }

  // ---- Reading a post of the archive. ----

  async function openPost(id) {
    const entry = entries[id];
    if (!entry) return;
    // A post that failed in the worker reports its error; the article on screen stays.
    if (entry.error) return reader.showError(entry.error, entry.path);
    const { raw, error } = await ask({ type: "raw", id });
    if (error) return reader.showError(error, entry.path);
    if (!reader.show(raw, entry.path)) return;
    list.select(id);
    setState({ post: entry.path });
    $("reader").focus({ preventScroll: true });
    $("reader").scrollIntoView({ block: "start" });
  }

  /** The id of the post named by the hash, or -1. */
  const currentId = () => (state.post ? (entries.find((e) => e?.path === state.post)?.id ?? -1) : -1);

  function restorePost() {
    const id = currentId();
    if (id >= 0) openPost(id);
  }

  function updatePrevNext() {
    const at = list.ids.indexOf(currentId());
    $("archive-nav").hidden = at < 0;
    $("archive-prev").disabled = at <= 0;
    $("archive-next").disabled = at < 0 || at >= list.ids.length - 1;
  }

  function step(by) {
    const at = list.ids.indexOf(currentId());
    const id = list.ids[at + by];
    if (at >= 0 && id != null) openPost(id);
  }

  function back() {
    setState({ post: "" });
    $("archive").open = true;
    $("archive-list").focus({ preventScroll: true });
    $("archive").scrollIntoView({ block: "start" });
  }

  // ---- Controls. ----

  buildFilterControls();
  search.addEventListener("input", () => setState({ q: search.value }));
  $("archive-filters").addEventListener("change", (event) => {
    if (event.target.name) setState({ [event.target.name]: event.target.value });
  });
  $("archive-filters").addEventListener("input", (event) => {
    if (event.target.type === "search") setState({ [event.target.name]: event.target.value });
  });
  $("archive-clear").addEventListener("click", () => setState(Object.fromEntries(KEYS.filter((k) => k !== "post").map((k) => [k, ""]))));
  $("archive-prev").addEventListener("click", () => step(-1));
  $("archive-next").addEventListener("click", () => step(1));
  $("archive-back").addEventListener("click", back);
  $("archive-folder").addEventListener("change", (event) => {
    open(fromFiles(event.target.files), { label: "文件夹" });
    event.target.value = "";
  });
  // No <form>: the page has none to submit (the safety tests check for one). Enter works too.
  const openIndexForm = () => {
    if ($("archive-index-url").reportValidity()) open(fromIndex($("archive-index-url").value, $("archive-base-url").value), { label: "索引" });
  };
  $("archive-open-index").addEventListener("click", openIndexForm);
  $("archive-index-form").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.localName === "input") openIndexForm();
  });

  function buildFilterControls() {
    const box = $("archive-filters");
    for (const filter of FILTERS) {
      const id = `archive-${filter.key}`;
      const control =
        filter.control === "select"
          ? el("select", null, { id, name: filter.key })
          : el("input", null, { id, name: filter.key, type: filter.control, placeholder: filter.placeholder ?? "" });
      const label = el("label", null, { className: "archive-filter" });
      label.append(el("span", filter.label), control);
      box.append(label);
    }
  }

  // Keyboard: j/k move, / searches, Enter opens, Esc goes back. Not while typing.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !document.body.dataset.archive) return;
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      if (typing) event.target.blur();
      else back();
      return;
    }
    if (typing) return;
    const keys = {
      j: () => list.move(1),
      k: () => list.move(-1),
      "/": () => search.focus(),
      Enter: () => list.selectedId != null && openPost(list.selectedId),
    };
    if (!keys[event.key]) return;
    // Enter on a link or a button is theirs.
    if (event.key === "Enter" && event.target.closest?.("a, button, summary")) return;
    event.preventDefault();
    keys[event.key]();
  });

  window.addEventListener("hashchange", () => {
    const next = readHash();
    if (!next) return;
    setState(next, { fromHash: true });
    if (next.post) restorePost();
  });

  Object.assign(state, readHash() ?? {});
  syncControls();

  return {
    open,
    openFiles: (files) => open(fromFiles(files), { label: `${files.length} 个文件` }),
    openDrop: async (transfer) => open(await fromDrop(transfer), { label: "拖放的文件" }),
    openIndex: (url, base) => open(fromIndex(url, base), { label: url }),
    openSamples: (paths) => open(fromPaths(paths, "samples/"), { label: "示例文章", show: false }),
    get hasPost() {
      return Boolean(state.post);
    },
  };
}
