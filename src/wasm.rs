//! The JS binding: the only module with wasm-bindgen, js-sys, web-sys or gloo types.
//!
//! One object in, one object out: every export takes a string and an optional options
//! bag and returns a plain `Article` object (serde-wasm-bindgen, JSON-compatible), so
//! nothing Rust-owned crosses the boundary and there is nothing to `.free()`.
//! The TypeScript surface is written out below and pinned by `tests/golden/`.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::archive::{self, is_web_url};
use crate::{Article, Error, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
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
"#;

/// An error on its way to JS, thrown as an `Error` with a stable `code` property.
#[derive(Debug)]
pub struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    /// A failure that is a bug in this crate, not a property of the input.
    fn internal(what: &str, detail: impl std::fmt::Debug) -> Self {
        Failure {
            code: "internal",
            message: format!("{what}: {detail:?}"),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<Failure> for JsValue {
    fn from(failure: Failure) -> Self {
        let error = js_sys::Error::new(&failure.message);
        // Reflect::set fails only on frozen objects; a fresh Error is not one.
        let _ = js_sys::Reflect::set(&error, &"code".into(), &failure.code.into());
        error.into()
    }
}

/// Called first by every export: panics (bugs) then reach the console with their message
/// instead of an opaque `unreachable` trap. A `Once` inside makes repeat calls free.
/// NOTE: not `#[wasm_bindgen(start)]`, which would export a `start()` to JS as well.
fn install_panic_hook() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// An `Article`'s `date` as its header shows it, in the post's own zone:
/// `2021-12-23T19:17:04+08:00` → `2021年12月23日 19:17` (anything else as it came).
#[wasm_bindgen(js_name = formatDate)]
pub fn format_date(iso: &str) -> String {
    archive::human_date(iso)
}

/// Renders a raw post into a plain `Article` object.
///
/// Throws a `FinewsError` (code `"empty"`, `"too-large"`, `"binary"`, `"no-content"`
/// or `"invalid-options"`) when no article can be produced.
#[wasm_bindgen(js_name = renderPost, unchecked_return_type = "Article")]
pub fn render_post(
    raw: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, Failure> {
    install_panic_hook();
    let options = options_from(options)?;
    article_to_js(render(raw, &options)?)
}

/// Renders a raw post as a complete `<article class="finews-article">` that replaces the
/// children of `element`, and returns the `Article`.
///
/// Only `article.html`, already sanitized, is set as HTML; every other string is text.
#[wasm_bindgen(js_name = renderInto, unchecked_return_type = "Article")]
pub fn render_into(
    element: &Element,
    raw: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, Failure> {
    install_panic_hook();
    let options = options_from(options)?;
    let article = render(raw, &options)?;
    let document = element
        .owner_document()
        .ok_or_else(|| Failure::internal("renderInto", "the element has no document"))?;
    let node = article_element(&document, &article, &options)
        .map_err(|e| Failure::internal("renderInto", e))?;
    element.set_text_content(None);
    element
        .append_child(&node)
        .map_err(|e| Failure::internal("renderInto", e))?;
    article_to_js(article)
}

/// Renders a raw post as a standalone `<!doctype html>` page, `stylesheet` (the package's
/// `page.css`) inlined, under a Content-Security-Policy that runs no script. Throws as
/// `renderPost`.
#[wasm_bindgen(js_name = renderPage)]
pub fn render_page(
    raw: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] stylesheet: Option<String>,
) -> Result<String, Failure> {
    install_panic_hook();
    let options = options_from(options)?;
    let article = render(raw, &options)?;
    Ok(archive::page(
        &article,
        stylesheet.as_deref().unwrap_or_default(),
    ))
}

// NOTE: one string, not an object: the package's CLI is its only user, and this costs
// the wasm the least. Doc comments become the glue's JSDoc: short, they count in its size.
/// For the package's CLI: a post as `status\0record\0indexEntry\0page` (see the Rust
/// `archive::ArchivePost`); `text` is `undefined` for a file that could not be read,
/// `replaced` when bytes that were not UTF-8 were replaced in decoding it.
#[wasm_bindgen(js_name = archivePost)]
pub fn archive_post(
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] text: Option<String>,
    replaced: bool,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] stylesheet: Option<String>,
) -> String {
    install_panic_hook();
    let read = match (&text, replaced) {
        (None, _) => archive::Read::Failed,
        (Some(text), false) => archive::Read::Text(text),
        (Some(text), true) => archive::Read::Replaced(text),
    };
    let post = archive::archive_post(path, read, stylesheet.as_deref());
    let mut out = String::from(post.status);
    for part in [
        post.record,
        post.index_entry.unwrap_or_default(),
        post.page.unwrap_or_default(),
    ] {
        out.push('\0');
        out.push_str(&part);
    }
    out
}

/// Reads only the front matter of a raw post: the fast path for listings of many posts.
#[wasm_bindgen(js_name = parseFrontMatter, unchecked_return_type = "FrontMatter")]
pub fn parse_front_matter(raw: &str) -> Result<JsValue, Failure> {
    install_panic_hook();
    to_js(&crate::parse_front_matter(raw))
}

/// Fetches a post and renders it. Rejects with code `"fetch"` on a network failure or
/// a non-2xx status, and otherwise as `renderPost`.
#[wasm_bindgen(js_name = loadPost, unchecked_return_type = "Article")]
pub async fn load_post(
    url: String,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, Failure> {
    install_panic_hook();
    // Options first: a bad bag should not cost a request.
    let options = options_from(options)?;
    let fetch = |e: gloo_net::Error| Error::Fetch(format!("{url}: {e}"));
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(fetch)?;
    if !response.ok() {
        let status = format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        );
        return Err(Error::Fetch(status).into());
    }
    let raw = response.text().await.map_err(fetch)?;
    article_to_js(render(&raw, &options)?)
}

/// `undefined` and `null` are the defaults; anything else must be a valid options bag.
///
/// NOTE: through JSON, not `serde_wasm_bindgen::from_value`: that reads only the known
/// keys of an object, so `deny_unknown_fields` would never see a misspelt option. JSON
/// also drops keys set to `undefined`, which TypeScript allows for optional fields.
fn options_from(value: JsValue) -> Result<Options, Failure> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    let invalid = |message: String| Failure::from(Error::InvalidOptions(message));
    let json = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| invalid("not a plain object".to_owned()))?;
    // The JSON is ours, one line: where in it an error was says nothing to the caller.
    serde_json::from_str(&json).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(&*message, |(m, _)| m);
        invalid(message.to_owned())
    })
}

fn render(raw: &str, options: &Options) -> Result<Article, Failure> {
    let article = if options.timings {
        crate::render_post_timed(raw, options, &clock())
    } else {
        crate::render_post_with(raw, options)
    };
    Ok(article?)
}

/// `performance.now()` where there is one (windows, workers, Node), else `Date.now()`.
fn clock() -> impl Fn() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .filter(|p| js_sys::Reflect::has(p, &"now".into()).unwrap_or(false))
        .map(JsCast::unchecked_into::<web_sys::Performance>);
    move || {
        performance
            .as_ref()
            .map_or_else(js_sys::Date::now, |p| p.now())
    }
}

/// Plain objects, `null` for `None`, numbers (not BigInt): what JSON would give.
///
/// NOTE: one JSON string and `JSON.parse`, not `serde_wasm_bindgen::to_value`: that
/// crosses the boundary once per property and string (hundreds per article), which
/// made the conversion cost more than rendering a short post.
fn to_js(value: &impl Serialize) -> Result<JsValue, Failure> {
    let json = serde_json::to_string(value).map_err(|e| Failure::internal("serialize", e))?;
    js_sys::JSON::parse(&json).map_err(|e| Failure::internal("serialize", e))
}

/// The Article as a plain object. Its two long strings, `html` and `text`, cross as
/// strings rather than inside the JSON: escaping and parsing them again was a third of
/// the seed's time in Chromium (measured: 120 µs → 80 µs without them). The JSON and
/// both strings cross in one piece, `json\0html\0text`, cut apart with `slice` (O(1) in
/// V8): every crossing string costs a `TextDecoder` call of its own (1–2 µs each).
///
/// A plain-text post's digest is its text: it crosses once, as `null` in the JSON, and is
/// then set to the same JS string (a third of such a post's bytes).
fn article_to_js(mut article: Article) -> Result<JsValue, Failure> {
    let html = std::mem::take(&mut article.html);
    let text = std::mem::take(&mut article.text);
    let digest_is_text = article.digest.take_if(|digest| *digest == text).is_some();
    let mut all = serde_json::to_string(&article).map_err(|e| Failure::internal("serialize", e))?;
    let json_end = utf16_len(&all);
    let html_end = json_end + 1 + utf16_len(&html);
    // One paragraph of plain text (most flash news): `text` is `html` without `<p>…</p>`.
    let one_paragraph = html.len() == text.len() + 7
        && html.starts_with("<p>")
        && html.ends_with("</p>")
        && html[3..html.len() - 4] == text;
    all.reserve(html.len() + text.len() + 2);
    all.push('\0');
    all.push_str(&html);
    if !one_paragraph {
        all.push('\0');
        all.push_str(&text);
    }
    let all = js_sys::JsString::from(all.as_str());
    let object =
        parse_json(&all.slice(0, json_end)).map_err(|e| Failure::internal("serialize", e))?;
    KEYS.with(|[html_key, text_key, digest_key]| {
        js_sys::Reflect::set(&object, html_key, &all.slice(json_end + 1, html_end))?;
        let text = match one_paragraph {
            true => all.slice(json_end + 4, html_end - 4),
            false => all.slice(html_end + 1, all.length()),
        };
        if digest_is_text {
            js_sys::Reflect::set(&object, digest_key, &text)?;
        }
        js_sys::Reflect::set(&object, text_key, &text)
    })
    .map_err(|e| Failure::internal("serialize", e))?;
    Ok(object)
}

/// Length in UTF-16 units, the unit of JS string indices, counted on the bytes.
fn utf16_len(s: &str) -> u32 {
    // Byte sums per block of 127 (at most 2 a byte: no overflow), which LLVM vectorises
    // 16 lanes wide; a `usize` sum per byte does not.
    let units: usize = s
        .as_bytes()
        .chunks(127)
        .map(|block| {
            let units: u8 = block
                .iter()
                .map(|&b| u8::from(b & 0xc0 != 0x80) + u8::from(b >= 0xf0))
                .sum();
            usize::from(units)
        })
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse`, taking a JS string (`js_sys::JSON::parse` takes a `&str`).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The property names, made once.
    static KEYS: [JsValue; 3] = ["html", "text", "digest"].map(JsValue::from_str);
}

/// Builds the `<article>`: header (title, original title, time, source, reading time,
/// tags, lead), body (tables in scrolling regions), disclaimer, footer (editor, original
/// link, navigation).
fn article_element(
    doc: &Document,
    article: &Article,
    options: &Options,
) -> Result<Element, JsValue> {
    let root = element(doc, "article", Some("finews-article"), None)?;
    root.set_attribute("lang", "zh-CN")?;

    let header = append(&root, element(doc, "header", None, None)?)?;
    append(&header, element(doc, "h1", None, Some(&article.title))?)?;
    if let Some(original) = &article.original_title {
        let line = format!("原标题：{original}");
        append(
            &header,
            element(doc, "p", Some("finews-original-title"), Some(&line))?,
        )?;
    }
    let meta = element(doc, "p", Some("finews-meta"), None)?;
    let mut items = Vec::new();
    if let Some(date) = &article.date {
        let time = element(doc, "time", None, Some(&archive::human_date(date)))?;
        time.set_attribute("datetime", date)?;
        items.push(time);
    }
    if let Some(source) = &article.source {
        items.push(element(
            doc,
            "span",
            Some("finews-source"),
            Some(&format!("来源：{source}")),
        )?);
    }
    if article.stats.reading_minutes > 0 {
        let minutes = format!("约 {} 分钟", article.stats.reading_minutes);
        items.push(element(
            doc,
            "span",
            Some("finews-reading-time"),
            Some(&minutes),
        )?);
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            meta.append_with_str_1(" · ")?;
        }
        meta.append_child(item)?;
    }
    if !items.is_empty() {
        append(&header, meta)?;
    }
    let labels = article.categories.iter().map(|c| (c, "finews-category"));
    let labels: Vec<_> = labels
        .chain(article.tags.iter().map(|t| (t, "finews-tag")))
        .collect();
    if !labels.is_empty() {
        let list = append(&header, element(doc, "ul", Some("finews-tags"), None)?)?;
        for (label, class) in labels {
            append(&list, element(doc, "li", Some(class), Some(label))?)?;
        }
    }
    // A plain-text post's digest is its body: show a lead only when it adds something.
    if let Some(digest) = article
        .digest
        .as_deref()
        .filter(|d| d.trim() != article.text.trim())
    {
        append(
            &header,
            element(doc, "p", Some("finews-digest"), Some(digest))?,
        )?;
    }

    let body = append(&root, element(doc, "div", Some("finews-body"), None)?)?;
    // NOTE: the one place HTML is set: `article.html` was sanitized by the Rust core.
    body.set_inner_html(&article.html);
    scroll_tables(doc, &body)?;
    if let Some(disclaimer) = &article.disclaimer {
        let aside = append(
            &root,
            element(doc, "aside", Some("finews-disclaimer"), None)?,
        )?;
        aside.set_attribute("aria-label", "免责声明")?;
        for line in disclaimer.lines() {
            append(&aside, element(doc, "p", None, Some(line))?)?;
        }
    }

    let links: Vec<_> = article
        .links
        .iter()
        .filter(|l| is_web_url(&l.href))
        .collect();
    let original = article.original_url.as_deref().filter(|u| is_web_url(u));
    if original.is_some() || !links.is_empty() || article.editor.is_some() {
        let footer = append(&root, element(doc, "footer", None, None)?)?;
        if let Some(editor) = &article.editor {
            let line = format!("责任编辑：{editor}");
            append(
                &footer,
                element(doc, "p", Some("finews-editor"), Some(&line))?,
            )?;
        }
        if let Some(url) = original {
            let p = append(&footer, element(doc, "p", Some("finews-original"), None)?)?;
            append(&p, link(doc, url, "阅读原文", options)?)?;
        }
        if !links.is_empty() {
            let nav = append(&footer, element(doc, "nav", None, None)?)?;
            nav.set_attribute("aria-label", "导航")?;
            for l in links {
                append(&nav, link(doc, &l.href, &l.text, options)?)?;
            }
        }
    }
    Ok(root)
}

/// Each table in a region of its own that scrolls sideways: on a phone a wide table
/// scrolls inside the article, never the page. Focusable, so a keyboard can scroll it.
fn scroll_tables(doc: &Document, body: &Element) -> Result<(), JsValue> {
    let tables = body.get_elements_by_tag_name("table");
    // Snapshot first: the collection is live, and moving a table would reorder it.
    let tables: Vec<Element> = (0..tables.length())
        .filter_map(|i| tables.item(i))
        .collect();
    for table in tables {
        let Some(parent) = table.parent_node() else {
            continue;
        };
        let region = element(doc, "div", Some("finews-table"), None)?;
        region.set_attribute("role", "region")?;
        region.set_attribute("aria-label", "表格")?;
        region.set_attribute("tabindex", "0")?;
        parent.insert_before(&region, Some(&table))?;
        region.append_child(&table)?;
    }
    Ok(())
}

fn element(
    doc: &Document,
    tag: &str,
    class: Option<&str>,
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let element = doc.create_element(tag)?;
    if let Some(class) = class {
        element.set_class_name(class);
    }
    if text.is_some() {
        element.set_text_content(text);
    }
    Ok(element)
}

fn append(parent: &Element, child: Element) -> Result<Element, JsValue> {
    parent.append_child(&child)?;
    Ok(child)
}

/// An external link, as the body's: `rel="noopener noreferrer"` and `options.linkTarget`.
fn link(doc: &Document, href: &str, text: &str, options: &Options) -> Result<Element, JsValue> {
    let a = element(doc, "a", None, Some(text))?;
    a.set_attribute("href", href)?;
    a.set_attribute("rel", "noopener noreferrer")?;
    if let Some(target) = &options.link_target {
        a.set_attribute("target", target)?;
    }
    Ok(a)
}
