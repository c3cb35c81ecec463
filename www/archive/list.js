// A virtualised list: only the rows in view (plus a few) exist in the DOM, in a window moved
// over a spacer as tall as the whole list, so 40,000 entries scroll as smoothly as 40. The
// sizes go in a constructed stylesheet, not style attributes: the page keeps no inline style
// (the safety tests check the whole page for one).
import { highlighted } from "./highlight.js";

export const ROW_HEIGHT = 76; // px; the CSS gives .archive-row the same height
const OVERSCAN = 6;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export class VirtualList {
  /**
   * @param {HTMLElement} viewport the scrolling element
   * @param {{ onOpen(id), onStock(stock), formatDay(entry) }} actions
   */
  constructor(viewport, actions) {
    this.viewport = viewport;
    this.actions = actions;
    this.spacer = el("div", "archive-spacer");
    this.window = el("div", "archive-window");
    this.spacer.append(this.window);
    viewport.replaceChildren(this.spacer);
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    this.selector = `#${viewport.id}`;
    this.ids = [];
    this.entries = [];
    this.snippets = new Map();
    this.query = "";
    this.selected = -1; // an index into ids
    this.frame = 0;
    viewport.addEventListener("scroll", () => this.schedule(), { passive: true });
    viewport.addEventListener("click", (event) => this.#click(event));
  }

  /** Shows `ids` (indices into `entries`), in that order. */
  show(entries, ids, { query = "", snippets = new Map(), keep = null } = {}) {
    this.entries = entries;
    this.ids = ids;
    this.query = query;
    this.snippets = snippets;
    this.selected = keep == null ? Math.min(this.selected, ids.length - 1) : ids.indexOf(keep);
    this.viewport.setAttribute("aria-rowcount", String(ids.length));
    this.draw();
  }

  /** Redraws the rows in view on the next frame (several calls, one draw). */
  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  }

  draw() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const top = this.viewport.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.ids.length, Math.ceil((top + this.viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows = [];
    for (let i = first; i < last; i++) rows.push(this.#row(i));
    this.sheet.replaceSync(
      `${this.selector} .archive-spacer { height: ${this.ids.length * ROW_HEIGHT}px }
       ${this.selector} .archive-window { transform: translateY(${first * ROW_HEIGHT}px) }`,
    );
    this.window.replaceChildren(...rows);
  }

  /** Moves the selection by `step` rows and scrolls it into view. */
  move(step) {
    if (!this.ids.length) return;
    this.selected = Math.max(0, Math.min(this.ids.length - 1, this.selected + step));
    const y = this.selected * ROW_HEIGHT;
    const { scrollTop, clientHeight } = this.viewport;
    if (y < scrollTop) this.viewport.scrollTop = y;
    else if (y + ROW_HEIGHT > scrollTop + clientHeight) this.viewport.scrollTop = y + ROW_HEIGHT - clientHeight;
    this.draw();
  }

  get selectedId() {
    return this.ids[this.selected] ?? null;
  }

  select(id) {
    this.selected = this.ids.indexOf(id);
    if (this.selected >= 0) this.move(0);
    else this.draw();
  }

  #row(i) {
    const id = this.ids[i];
    const entry = this.entries[id];
    const row = el("div", "archive-row");
    row.dataset.id = id;
    row.setAttribute("role", "row");
    row.setAttribute("aria-rowindex", String(i + 1));
    if (i === this.selected) row.setAttribute("aria-selected", "true");
    if (entry.error) row.classList.add("failed");

    // One tab stop for the whole list (j/k/Enter move and open): its links and chips take none.
    const title = el("a", "archive-title");
    title.tabIndex = -1;
    title.href = `#post=${encodeURIComponent(entry.path)}`;
    title.dataset.open = id;
    title.append(...highlighted(entry.title, this.query));

    const meta = el("div", "archive-meta");
    const day = this.actions.formatDay(entry);
    if (day) meta.append(el("time", "archive-date", day));
    if (entry.source) meta.append(el("span", "archive-source", entry.source));
    for (const stock of entry.stocks.slice(0, 4)) {
      const chip = el("button", "chip stock", stock.name ?? stock.code);
      chip.type = "button";
      chip.tabIndex = -1;
      chip.dataset.stock = `${stock.market}.${stock.code}`;
      chip.title = `${stock.market}.${stock.code}`;
      meta.append(chip);
    }
    if (entry.stocks.length > 4) meta.append(el("span", "chip more", `+${entry.stocks.length - 4}`));
    if (entry.warnings) meta.append(el("span", "archive-warnings", `${entry.warnings} 条警告`));

    const snippet = el("p", "archive-snippet");
    const text = entry.error ? `错误：${entry.error.code}` : (this.snippets.get(id) ?? entry.excerpt);
    snippet.append(...highlighted(text, this.query));
    row.append(title, meta, snippet);
    return row;
  }

  #click(event) {
    const chip = event.target.closest("[data-stock]");
    if (chip) return this.actions.onStock(chip.dataset.stock);
    const row = event.target.closest(".archive-row");
    if (!row) return;
    event.preventDefault(); // the title is a link for its URL; opening is ours
    // The selection follows only a post that opens (onOpen selects it): it marks what is on screen.
    this.actions.onOpen(Number(row.dataset.id));
  }
}
