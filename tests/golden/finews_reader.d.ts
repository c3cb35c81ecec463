/* tslint:disable */
/* eslint-disable */

/** Options of `renderPost`, `renderInto` and `loadPost`. Every field is optional. */
export interface RenderOptions {
    /** K-line chart blocks: a clean link to the quote page (`"chip"`) or nothing. Default `"chip"`. */
    stockCharts?: "chip" | "remove";
    /** Inline quote links: a clean `<a>` (`"link"`) or plain text. Default `"link"`. */
    inlineQuotes?: "link" | "text";
    /** Promote paragraphs holding only `<strong>…</strong>` to `<h2 id>`. Default `true`. */
    headings?: boolean;
    /** Space between CJK and Latin words (pangu style). Default `false`. */
    cjkSpacing?: boolean;
    /** Maximum characters of `excerpt`. Default `120`. */
    excerptLength?: number;
    /** `target` of external links, or `null` for none. Default `"_blank"`. */
    linkTarget?: string | null;
    /** Base for relative and protocol-relative trailer links. Default `"https://finews.withounder.com/"`. */
    baseUrl?: string;
    /** Jekyll's `permalink` for the URLs of `{% link %}` and `{% post_url %}`: `"date"`, `"pretty"`, `"ordinal"`, `"none"` or a template (`"/:year/:month/:title/"`). Default `null` (`"date"`). */
    permalink?: string | null;
    /** Fill `Article.timings_ms` with milliseconds per stage (`performance.now()`). Default `false`. */
    timings?: boolean;
    /** The table of contents where the post marks it (kramdown's `{:toc}`, `<!-- toc -->`); `false` removes the marker, for a page that shows `toc` elsewhere. Default `true`. */
    inlineToc?: boolean;
    /** Safety limits that keep hostile input linear in time and bounded in memory. */
    limits?: RenderLimits;
}

/** Safety limits. Every field is optional. */
export interface RenderLimits {
    /** Larger inputs are refused with code `"too-large"`. Default 16 MiB. */
    maxInputBytes?: number;
    /** Tags nested deeper are flattened, with a `"nesting-limited"` warning. Default `128`. */
    maxNesting?: number;
    /** At most this many securities are listed in `stocks`. Default `500`. */
    maxStocks?: number;
}

/** A front-matter value, as parsed from YAML. */
export type FrontMatterValue =
| string
| number
| boolean
| null
| FrontMatterValue[]
| { [key: string]: FrontMatterValue };

/** A clean, safe article made from one raw post. */
export interface Article {
    /** Front-matter title, entities decoded; the digest's first sentence when empty (with a warning). */
    title: string;
    /** ISO 8601 date with offset (`2021-12-23T19:17:04+08:00`), or `null`. */
    date: string | null;
    /** Jekyll categories. */
    categories: string[];
    /** Jekyll tags. */
    tags: string[];
    /** Every front-matter key and value, as parsed. */
    frontMatter: { [key: string]: FrontMatterValue };
    /** The `> ` digest or the plain-text digest, or `null`. */
    digest: string | null;
    /** The clean, sanitized article body: safe to assign to `innerHTML`. */
    html: string;
    /** Plain text of the body, paragraphs separated by a blank line. */
    text: string;
    /** A short summary cut at a sentence end (`。！？`). */
    excerpt: string;
    /** Section headings. */
    toc: TocEntry[];
    /** Every security the post references, de-duplicated. */
    stocks: Stock[];
    /** Photos of the body. */
    images: Image[];
    /** The publishing outlet (`上海证券报`), or `null`. */
    source: string | null;
    /** The responsible editor (`（责任编辑：张三）` → `张三`), or `null`. */
    editor: string | null;
    /** The title the article first ran under (`原标题：…`), or `null`. */
    originalTitle: string | null;
    /** EastMoney's disclaimer, risk warning and data notes that ended the post, a line each, or `null`. */
    disclaimer: string | null;
    /** The trailer's link to the original article (else the body's `[点击查看原文]`), or `null`. */
    originalUrl: string | null;
    /** The trailer's navigation links, resolved against `baseUrl`. */
    links: Link[];
    /** Counts and reading time. */
    stats: Stats;
    /** Everything recovered from. */
    warnings: Warning[];
    /** Milliseconds per stage; present only with `timings: true`. */
    timings_ms?: { [stage: string]: number };
}

/** The front matter alone (`parseFrontMatter`): the fast path for listings. */
export interface FrontMatter {
    /** The title, entities decoded; may be empty (no fallback without the body). */
    title: string;
    /** ISO 8601 date with offset, or `null`. */
    date: string | null;
    /** Jekyll categories (a space-separated string is split, as Jekyll does). */
    categories: string[];
    /** Jekyll tags. */
    tags: string[];
    /** Every key and value, as parsed. */
    frontMatter: { [key: string]: FrontMatterValue };
    /** What was recovered from. */
    warnings: Warning[];
}

/** A section heading. */
export interface TocEntry {
    /** The heading's `id`, unique in the article. */
    id: string;
    /** The heading's text. */
    text: string;
    /** 2 for `<h2>`, and so on. */
    level: number;
}

/**
 * A market: Shanghai, Shenzhen, Beijing, Hong Kong, US, a sector board, an index, futures
 * (and spot metals), forex, a fund, London; `MKT-<id>` for an EastMoney market id not known.
 */
export type Market =
| "SH"
| "SZ"
| "BJ"
| "HK"
| "US"
| "BK"
| "INDEX"
| "FUT"
| "FX"
| "FUND"
| "UK"
| `MKT-${number}`;

/** A security the post references. */
export interface Stock {
    /** The code: `600160`, `NIO`, `BK0493`, `rb2205`. */
    code: string;
    /** Its market. */
    market: Market;
    /** The name, when the post gives one. */
    name: string | null;
    /** Its quote page: `https://quote.eastmoney.com/unify/r/{id}.{code}` where the market id is known. */
    quoteUrl: string;
    /** Where it was first found: a K-line chart block or an inline quote link. */
    from: "chart" | "inline";
}

/** A photo of the body. */
export interface Image {
    /** The image URL. */
    src: string;
    /** Alternative text. */
    alt: string;
    /** Original width in pixels, or `null`. */
    width: number | null;
    /** Original height in pixels, or `null`. */
    height: number | null;
    /** The caption that followed it, or `null`. */
    caption: string | null;
}

/** A navigation link of the trailer. */
export interface Link {
    /** Link text (`返回首页`). */
    text: string;
    /** Absolute URL. */
    href: string;
}

/** Counts over the body text. */
export interface Stats {
    /** Characters, white space excluded. */
    characters: number;
    /** CJK characters (Han, kana, Hangul). */
    cjkCharacters: number;
    /** Latin words. */
    latinWords: number;
    /** Numbers, counted apart from words. */
    numbers: number;
    /** Paragraphs of the text. */
    paragraphs: number;
    /** Reading time in whole minutes, at least 1 when there is text. */
    readingMinutes: number;
}

/** Stable codes of the warnings. */
export type WarningCode =
| "no-front-matter"
| "front-matter-recovered"
| "front-matter-line-skipped"
| "front-matter-unclosed"
| "title-missing"
| "date-missing"
| "date-invalid"
| "unknown-market"
| "unknown-widget"
| "unsafe-content-removed"
| "unsafe-url-removed"
| "nesting-limited"
| "stocks-limited"
| "invalid-text"
| "trailer-unrecognised"
| "liquid-removed";

/** Something the renderer recovered from. */
export interface Warning {
    /** Stable machine-readable code. */
    code: WarningCode;
    /** What happened, for people. */
    message: string;
}

/**
 * Stable codes of the errors thrown: `"internal"` is a bug in finews-reader
 * (a failed DOM call or conversion), never a property of the input.
 * `"not-initialized"`: a function was called before `await init()` (or `initSync`);
 * `"init-failed"`: `init`/`initSync` could not load the module (bad path, bytes or
 * module; the original error is the `cause`).
 */
export type ErrorCode =
| "empty"
| "too-large"
| "binary"
| "no-content"
| "invalid-options"
| "fetch"
| "internal"
| "not-initialized"
| "init-failed";

/** What every export throws (or `loadPost` rejects with): an `Error` with a stable `code`. */
export interface FinewsError extends Error {
    /** Stable machine-readable code. */
    code: ErrorCode;
}



/**
 * For the package's CLI: a post as `status\0record\0indexEntry\0page` (see the Rust
 * `archive::ArchivePost`); `text` is `undefined` for a file that could not be read,
 * `replaced` when bytes that were not UTF-8 were replaced in decoding it.
 */
export function archivePost(path: string, text: string | undefined, replaced: boolean, stylesheet?: string): string;

/**
 * An `Article`'s `date` as its header shows it, in the post's own zone:
 * `2021-12-23T19:17:04+08:00` → `2021年12月23日 19:17` (anything else as it came).
 */
export function formatDate(iso: string): string;

/**
 * Fetches a post and renders it. Rejects with code `"fetch"` on a network failure or
 * a non-2xx status, and otherwise as `renderPost`.
 */
export function loadPost(url: string, options?: RenderOptions): Promise<Article>;

/**
 * Reads only the front matter of a raw post: the fast path for listings of many posts.
 */
export function parseFrontMatter(raw: string): FrontMatter;

/**
 * Renders a raw post as a complete `<article class="finews-article">` that replaces the
 * children of `element`, and returns the `Article`.
 *
 * Only `article.html`, already sanitized, is set as HTML; every other string is text.
 */
export function renderInto(element: Element, raw: string, options?: RenderOptions): Article;

/**
 * Renders a raw post as a standalone `<!doctype html>` page, `stylesheet` (the package's
 * `page.css`) inlined, under a Content-Security-Policy that runs no script. Throws as
 * `renderPost`.
 */
export function renderPage(raw: string, options?: RenderOptions, stylesheet?: string): string;

/**
 * Renders a raw post into a plain `Article` object.
 *
 * Throws a `FinewsError` (code `"empty"`, `"too-large"`, `"binary"`, `"no-content"`
 * or `"invalid-options"`) when no article can be produced.
 */
export function renderPost(raw: string, options?: RenderOptions): Article;

/**
 * The crate version, e.g. `"0.1.0"`.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The instantiated module's raw exports: internal, use the functions above. */
export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly [name: string]: unknown;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
