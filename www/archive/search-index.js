// Full-text search over titles and rendered text, in the worker. A substring scan of each
// post's lowercased text: CJK needs no tokenizer (医保 is found wherever the two characters
// stand together), Latin words match case-insensitively, and a 40,000-post archive (~60 MB
// of text) scans in tens of milliseconds, off the main thread.

const SNIPPET_BEFORE = 16;
const SNIPPET_LENGTH = 72;

/** The search terms of a query: whitespace-separated, lowercased, every one required. */
export function terms(query) {
  return String(query ?? "").toLowerCase().split(/\s+/u).filter(Boolean);
}

export class SearchIndex {
  #ids = [];
  #haystacks = []; // "title\ntext", lowercased
  #texts = []; // the text as written, for snippets

  add(id, title, text) {
    this.#ids.push(id);
    this.#haystacks.push(`${title}\n${text}`.toLowerCase());
    this.#texts.push(text);
  }

  get size() {
    return this.#ids.length;
  }

  /** Posts holding every term: their ids, and a snippet of the text around the first hit. */
  find(query) {
    const wanted = terms(query);
    const ids = [];
    const snippets = [];
    if (!wanted.length) return { ids, snippets, searched: this.size };
    for (let i = 0; i < this.#haystacks.length; i++) {
      const haystack = this.#haystacks[i];
      if (!wanted.every((term) => haystack.includes(term))) continue;
      ids.push(this.#ids[i]);
      snippets.push(this.#snippet(i, wanted));
    }
    return { ids, snippets, searched: this.size };
  }

  #snippet(i, wanted) {
    const text = this.#texts[i];
    // The haystack is "title\n" + text lowercased; lowercasing keeps the length of CJK and
    // ASCII, so a position past the title is a position in the text.
    const offset = this.#haystacks[i].length - text.length;
    let at = -1;
    for (const term of wanted) {
      const found = this.#haystacks[i].indexOf(term, offset);
      if (found >= 0 && (at < 0 || found < at)) at = found;
    }
    const start = Math.max(0, (at < 0 ? 0 : at - offset) - SNIPPET_BEFORE);
    const snippet = text.slice(start, start + SNIPPET_LENGTH).replace(/\s+/gu, " ");
    return (start > 0 ? "…" : "") + snippet;
  }
}
