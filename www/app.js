// The www/ harness: the reading view, its event wiring and side panels. Parsing, cleaning,
// sanitizing and the article's DOM all happen in the wasm package (renderInto); this file
// never builds or sanitizes HTML strings. Archives (several files, a folder, an index) go to
// archive/archive.js, which renders in a worker: the only render on this thread is the
// article on screen.
import init, { formatDate, renderInto, loadPost, version } from "../pkg/finews_reader.js";
import { startArchive } from "./archive/archive.js";

const $ = (id) => document.getElementById(id);
const host = $("article");
const source = $("source");
const optionsBox = $("options");
const errorBox = $("error");
const statusLine = $("status");
const fileInput = $("file-input");
const toc = $("toc");

// What is on screen, so option toggles can re-render it.
let current = { raw: null, name: null };
// Renders on this thread, in body[data-main-renders]: the e2e tests check that an archive
// indexing adds none.
let mainRenders = 0;

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

function options() {
  // (fieldset.elements is a plain HTMLCollection: no RadioNodeList, so query the checked one.)
  const choice = (name) => optionsBox.querySelector(`input[name="${name}"]:checked`).value;
  const flag = (name) => optionsBox.querySelector(`input[name="${name}"]`).checked;
  return {
    stockCharts: choice("stockCharts"),
    inlineQuotes: choice("inlineQuotes"),
    headings: flag("headings"),
    cjkSpacing: flag("cjkSpacing"),
    // The side panel shows the table of contents: a post's `{:toc}` marker goes.
    inlineToc: false,
  };
}

function node(tag, text, props = {}) {
  const el = document.createElement(tag);
  if (text != null) el.textContent = text;
  return Object.assign(el, props);
}

// Only http(s) links from article data become hrefs in the panels.
function safeHref(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function listItem(child, className = "") {
  const li = node("li", null, { className });
  li.append(child);
  return li;
}

function externalLink(text, href) {
  return node("a", text, { href, target: "_blank", rel: "noopener noreferrer" });
}

/** Renders `raw` and swaps it in; on failure the previous article stays and the error shows. */
function render(raw, name) {
  // Render into a detached element and move the result in only on success, whatever
  // renderInto does to its target when it throws.
  const target = document.createElement("div");
  let article;
  const started = performance.now();
  try {
    document.body.dataset.mainRenders = ++mainRenders;
    article = renderInto(target, raw, options());
  } catch (err) {
    showError(err, name);
    return null;
  }
  const micros = (performance.now() - started) * 1000;
  host.replaceChildren(...target.childNodes);
  current = { raw, name };
  hideError();
  showArticleInfo(article, micros, name);
  return article;
}

function showError(err, name) {
  const code = (err && typeof err === "object" && err.code) || "unknown";
  const message = (err && err.message) || String(err);
  const codeLine = node("p", "错误代码：", { className: "error-code" });
  codeLine.append(node("code", code));
  errorBox.replaceChildren(
    node("p", name ? `无法渲染「${name}」` : "无法渲染", { className: "error-title" }),
    node("p", message, { className: "error-message" }),
    codeLine,
  );
  errorBox.dataset.code = code;
  errorBox.hidden = false;
  statusLine.textContent = "渲染失败，保留上一篇文章";
}

function hideError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
  delete errorBox.dataset.code;
}

function fill(id, ...children) {
  $(id).replaceChildren(...(children.length ? children : ["—"]));
}

function chips(values) {
  return values.map((v) => node("span", v, { className: "chip" }));
}

function showArticleInfo(article, micros, name) {
  const time = article.date ? node("time", formatDate(article.date), { dateTime: article.date }) : null;
  fill("meta-date", ...(time ? [time] : []));
  fill("meta-categories", ...chips(article.categories));
  fill("meta-tags", ...chips(article.tags));

  const sourceParts = article.source ? [article.source] : [];
  const original = article.originalUrl && safeHref(article.originalUrl);
  if (original) sourceParts.push(sourceParts.length ? " · " : "", externalLink("原文", original));
  fill("meta-source", ...sourceParts.filter(Boolean));
  fill("meta-editor", ...(article.editor ? [article.editor] : []));

  const { readingMinutes, characters } = article.stats;
  fill("meta-reading", `约 ${readingMinutes} 分钟 · ${characters.toLocaleString("zh-CN")} 字`);
  const us = `${Math.round(micros).toLocaleString("zh-CN")} µs`;
  fill("meta-time", us);
  statusLine.textContent = `已渲染${name ? `「${name}」` : ""} · ${us}`;

  $("meta-stocks").replaceChildren(
    ...article.stocks.map((s) => {
      const label = [node("span", s.market, { className: "badge" }), node("span", s.name ?? s.code, { className: "stock-name" })];
      if (s.name) label.push(node("span", s.code, { className: "stock-code" }));
      const href = safeHref(s.quoteUrl);
      const item = href ? externalLink(null, href) : node("span");
      item.append(...label);
      item.title = s.from === "chart" ? "来自 K 线图" : "来自正文";
      item.dataset.market = s.market;
      return listItem(item);
    }),
  );
  if (!article.stocks.length) $("meta-stocks").append(node("li", "无", { className: "none" }));

  $("meta-warnings").replaceChildren(
    ...article.warnings.map((w) => {
      const li = node("li");
      li.append(node("code", w.code), node("span", w.message));
      return li;
    }),
  );
  if (!article.warnings.length) $("meta-warnings").append(node("li", "无", { className: "none" }));

  toc.replaceChildren(
    ...article.toc.map((h) => {
      const link = node("a", h.text, { href: `#${h.id}` });
      link.dataset.target = h.id;
      return listItem(link, `level-${h.level}`);
    }),
  );
  $("toc-empty").hidden = article.toc.length > 0;
  $("clean-html").textContent = article.html;
}

// TOC links scroll to the heading inside the article (not any page element that happens to
// share its id) and move focus there, so keyboard users continue reading from it.
toc.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-target]");
  if (!link) return;
  const heading = host.querySelector(`[id="${CSS.escape(link.dataset.target)}"]`);
  if (!heading) return;
  event.preventDefault();
  heading.tabIndex = -1;
  heading.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
  heading.focus({ preventScroll: true });
  history.replaceState(null, "", link.hash);
});

// Option toggles re-render what is on screen at once.
optionsBox.addEventListener("change", () => {
  if (current.raw != null) render(current.raw, current.name);
});

function renderSource() {
  render(source.value, "粘贴的文章");
}
$("render").addEventListener("click", renderSource);
source.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    renderSource();
  }
});

/** Renders a post from a file or URL and puts its source in the editor. */
function show(raw, name) {
  const article = render(raw, name);
  if (article) source.value = raw;
  return article;
}

// ---- Files: one opens directly; several, a folder or a drop open as an archive. ----

const archive = startArchive({ show, showError, safeHref });

async function openFiles(list) {
  const chosen = [...list];
  if (chosen.length > 1) return archive.openFiles(chosen);
  const [file] = chosen;
  if (!file) return;
  try {
    show(await file.text(), file.name);
  } catch (err) {
    showError(err, file.name);
  }
}

fileInput.addEventListener("change", () => {
  openFiles(fileInput.files);
  fileInput.value = ""; // so opening the same file again fires "change" again
});

const carriesFiles = (event) => event.dataTransfer?.types.includes("Files");
document.addEventListener("dragover", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "copy";
  document.body.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => {
  if (!event.relatedTarget) document.body.classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
  document.body.classList.remove("dragging");
  if (!carriesFiles(event)) return;
  event.preventDefault();
  const items = [...event.dataTransfer.items];
  const folder = items.some((item) => item.webkitGetAsEntry?.()?.isDirectory);
  if (folder || event.dataTransfer.files.length > 1) archive.openDrop(event.dataTransfer);
  else openFiles(event.dataTransfer.files);
});

// ---- Theme: system by default, a toggle that persists. ----

const themeButton = $("theme-toggle");
const systemDark = matchMedia("(prefers-color-scheme: dark)");
const isDark = () => (document.documentElement.dataset.theme ?? (systemDark.matches ? "dark" : "light")) === "dark";
const syncThemeButton = () => themeButton.setAttribute("aria-pressed", String(isDark()));
themeButton.addEventListener("click", () => {
  const theme = isDark() ? "light" : "dark";
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem("finews-theme", theme);
  } catch {
    // Not persisted when storage is blocked; the toggle still works for this visit.
  }
  syncThemeButton();
});
systemDark.addEventListener("change", syncThemeButton);
syncThemeButton();

// Small screens: the article first, the input and archive panels folded.
if (matchMedia("(max-width: 52rem)").matches) {
  $("controls").open = false;
  $("archive").open = false;
}

// ---- Start: the post named by ?post= (same origin only), else the bundled sample; the
// archive named by ?archive=, else the bundled samples as a small one. ----

const SAMPLES = ["seed.md", "nio.md", "steel.md", "funds.md", "untitled.md"];

function codedError(message, code) {
  return Object.assign(new Error(message), { code });
}

async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw codedError(`无法获取 ${url}：${err.message}`, "fetch");
  }
  if (!response.ok) throw codedError(`无法获取 ${url}：HTTP ${response.status}`, "fetch");
  return response.text();
}

async function openPostParam(param) {
  const url = new URL(param, location.href);
  if (url.origin !== location.origin) throw codedError(`只能打开同源的文章：${url.href}`, "cross-origin");
  // loadPost is the package's own fetch-and-render path (its failures carry codes such as
  // "fetch"); the raw text is read as well so toggles can re-render it and the editor shows it.
  const text = fetchText(url.href);
  text.catch(() => {}); // a loadPost failure is the one reported
  await loadPost(url.href, options());
  show(await text, decodeURIComponent(url.pathname.split("/").pop()));
}

async function start() {
  try {
    await init();
  } catch (err) {
    statusLine.textContent = "WebAssembly 加载失败";
    showError(err, "finews-reader");
    return;
  }
  $("version").textContent = `v${version()}`;
  const params = new URLSearchParams(location.search);
  const param = params.get("post");
  try {
    if (param) await openPostParam(param);
    else if (!archive.hasPost) show(await fetchText("samples/seed.md"), "seed.md");
  } catch (err) {
    showError(err, param ?? "seed.md");
  }
  if (params.get("archive")) archive.openIndex(params.get("archive"), params.get("base"));
  else archive.openSamples(SAMPLES);
  document.body.dataset.ready = "true"; // the e2e tests wait for this
}

start();
