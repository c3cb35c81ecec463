//! # finews-reader
//!
//! Turns a raw Jekyll post of an EastMoney (东方财富) news article — YAML front matter,
//! raw EastMoney HTML or a plain-text digest, a Markdown trailer — into a clean, safe,
//! well-formatted [`Article`].
//!
//! ```
//! let raw = "---\ntitle: \"北向资金净流入超40亿元\"\ndate: 2021-12-08 10:47:05\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n北向资金净流入超40亿元。（新华社）\n\n<http://finance.eastmoney.com/news/1.html>";
//! let article = finews_reader::render_post(raw).unwrap();
//! assert_eq!(article.date.as_deref(), Some("2021-12-08T10:47:05+08:00"));
//! assert_eq!(article.html, "<p>北向资金净流入超40亿元。（新华社）</p>");
//! assert_eq!(article.source.as_deref(), Some("新华社"));
//! assert_eq!(article.original_url.as_deref(), Some("https://finance.eastmoney.com/news/1.html"));
//! ```
//!
//! The pipeline, each stage a public function: [`normalize`] → [`split`] →
//! [`parse_front_matter_yaml`] → [`render_markdown`] → [`parse_html`] → [`clean`]
//! (EastMoney cleaning and allowlist sanitizing in one walk) → [`excerpt`], [`stats`].
//! The core is plain Rust; the JS binding lives in `src/wasm.rs` alone.

#![deny(missing_docs)]

pub mod archive;
mod article;
mod clean;
pub mod contract;
pub mod eastmoney;
mod error;
mod front_matter;
mod kramdown;
mod liquid;
mod markdown;
mod markup;
mod options;
mod output;
mod parse;
mod split;
mod text;
pub mod typography;
pub mod urls;
mod writer;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{Article, FrontMatter, Image, Link, Stats, Stock, StockSource, TocEntry};
pub use clean::{clean, clean_markdown, Cleaned};
pub use error::{Error, Warning, WarningCode};
pub use front_matter::parse_front_matter_yaml;
pub use markdown::{markdown_events, parse_trailer, render_markdown, Trailer};
pub use options::{InlineQuotes, Limits, Options, StockCharts};
pub use parse::{decode_entities, parse_html, Parsed};
pub use split::{normalize, split, Parts};
pub use text::{excerpt, first_sentence, stats};

use std::borrow::Cow;

use error::Warnings;
use text::is_stray_control;

/// Renders a raw post with the default [`Options`].
///
/// # Errors
/// Only when no article can be produced: see [`Error`].
pub fn render_post(raw: &str) -> Result<Article, Error> {
    render_post_with(raw, &Options::default())
}

/// Renders a raw post.
///
/// # Errors
/// Only when no article can be produced: see [`Error`]. Everything else is recovered
/// from and listed in [`Article::warnings`].
pub fn render_post_with(raw: &str, options: &Options) -> Result<Article, Error> {
    render(raw, options, None)
}

/// Renders a raw post, timing each stage with `now` (milliseconds) when
/// [`Options::timings`] is on. The core has no clock of its own: `std::time` panics
/// in the browser, so the caller brings one (`performance.now()` there).
///
/// # Errors
/// As [`render_post_with`].
pub fn render_post_timed(
    raw: &str,
    options: &Options,
    now: &dyn Fn() -> f64,
) -> Result<Article, Error> {
    render(raw, options, Some(now))
}

/// Renders raw bytes: invalid UTF-8 is replaced (U+FFFD), with a warning.
///
/// # Errors
/// As [`render_post_with`].
pub fn render_bytes(raw: &[u8], options: &Options) -> Result<Article, Error> {
    match std::str::from_utf8(raw) {
        Ok(text) => render_post_with(text, options),
        Err(_) => render_replaced(&String::from_utf8_lossy(raw), options),
    }
}

/// Renders text in which bytes that were not UTF-8 were replaced (U+FFFD), with a warning.
pub(crate) fn render_replaced(text: &str, options: &Options) -> Result<Article, Error> {
    let mut article = render_post_with(text, options)?;
    article.warnings.insert(
        0,
        Warning {
            code: WarningCode::InvalidText,
            message: "bytes that are not UTF-8 were replaced".to_owned(),
        },
    );
    Ok(article)
}

/// Reads only the front matter of a raw post: the fast path for listings of many posts.
///
/// # Examples
/// ```
/// let fm = finews_reader::parse_front_matter("---\ntitle: 开站大吉\ncategories: sitenews\n---\n祝贺开站");
/// assert_eq!(fm.title, "开站大吉");
/// assert_eq!(fm.categories, ["sitenews"]);
/// ```
pub fn parse_front_matter(raw: &str) -> FrontMatter {
    front_matter_of(&split::split(&split::normalize(raw)))
}

/// The front matter of a split post; a missing or unclosed block is a warning.
fn front_matter_of(parts: &Parts<'_>) -> FrontMatter {
    if let Some(yaml) = parts.front_matter {
        return parse_front_matter_yaml(yaml);
    }
    let mut warnings = Warnings::default();
    if parts.unclosed_front_matter {
        warnings.push(
            WarningCode::FrontMatterUnclosed,
            "the front matter never closes; the post is read as body",
        );
    } else {
        warnings.push(WarningCode::NoFrontMatter, "the post has no front matter");
    }
    front_matter::from_map(serde_json::Map::new(), warnings)
}

/// Records the time since the last mark under a stage name.
struct Stopwatch<'a> {
    now: Option<&'a dyn Fn() -> f64>,
    last: f64,
    stages: serde_json::Map<String, serde_json::Value>,
}

impl Stopwatch<'_> {
    /// A stopwatch that records nothing.
    fn off() -> Self {
        Stopwatch {
            now: None,
            last: 0.0,
            stages: serde_json::Map::new(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some(now) = self.now {
            let t = now();
            self.stages.insert(
                stage.to_owned(),
                (((t - self.last) * 1000.0).round() / 1000.0).into(),
            );
            self.last = t;
        }
    }
}

fn render(raw: &str, options: &Options, now: Option<&dyn Fn() -> f64>) -> Result<Article, Error> {
    let now = now.filter(|_| options.timings);
    let mut watch = Stopwatch {
        now,
        last: now.map_or(0.0, |f| f()),
        stages: serde_json::Map::new(),
    };
    let limit = options.limits.max_input_bytes;
    if raw.len() > limit {
        return Err(Error::TooLarge {
            size: raw.len(),
            limit,
        });
    }
    if raw.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::Empty);
    }
    let mut warnings = Warnings::default();
    let text = clean_text(raw, &mut warnings)?;
    let parts = split::split(&text);
    let liquid = liquid::render_liquid(parts.body, options);
    if let Some(message) = liquid.warning() {
        warnings.push(WarningCode::LiquidRemoved, message);
    }
    let parts = Parts {
        body: &liquid.text,
        ..parts
    };
    watch.lap("split");

    let front_matter = front_matter_of(&parts);
    for warning in &front_matter.warnings {
        warnings.push(warning.code, warning.message.clone());
    }
    watch.lap("frontMatter");
    let trailer = parse_trailer(parts.trailer, &options.base_url);
    watch.lap("trailer");

    let plain = !has_markup(parts.body);
    let authored = text::authored_excerpt(&front_matter.front_matter, parts.body);
    let (cleaned, limited) = clean_body(parts.body, options, &mut watch);
    watch.lap("clean");
    if limited {
        warnings.push(
            WarningCode::NestingLimited,
            format!(
                "elements nested deeper than {} were flattened",
                options.limits.max_nesting
            ),
        );
    }
    for warning in cleaned.warnings {
        warnings.push(warning.code, warning.message);
    }

    let text = cleaned.paragraphs.join("\n\n");
    // A `> ` digest, else an older layout's summary; a plain-text post's is its text
    // (paragraphs only: a Markdown post with headings, lists or code has none).
    let plain = plain && is_paragraphs(&cleaned.html);
    let digest = (parts.digest.clone())
        .or_else(|| cleaned.summary.clone())
        .or_else(|| (plain && !text.is_empty()).then(|| text.clone()));
    let source = cleaned
        .source
        .or_else(|| digest.as_deref().and_then(eastmoney::digest_source))
        .or_else(|| {
            cleaned
                .paragraphs
                .last()
                .and_then(|p| eastmoney::digest_source(p))
        });
    let mut title = front_matter.title;
    if title.is_empty() {
        title = first_sentence(digest.as_deref().unwrap_or(&text));
        if title.is_empty() && text.is_empty() {
            return Err(Error::NoContent);
        }
        warnings.push(
            WarningCode::TitleMissing,
            "the post has no title; its first sentence stands in",
        );
    }
    // A digest is the summary; a plain-text post's digest is its text.
    let summary = parts.digest.as_ref().or(cleaned.summary.as_ref());
    // The author's excerpt whole; else the digest's or the prose's, cut to length.
    let excerpt = match (authored, summary) {
        (Some(source), _) => clean_body(source, options, &mut Stopwatch::off()).0.prose,
        (None, Some(digest)) => excerpt(digest, options.excerpt_length),
        (None, None) => excerpt(&cleaned.prose, options.excerpt_length),
    };
    let stats = stats(&cleaned.paragraphs);
    watch.lap("derive");

    Ok(Article {
        title,
        date: front_matter.date,
        categories: front_matter.categories,
        tags: front_matter.tags,
        front_matter: front_matter.front_matter,
        digest,
        html: cleaned.html,
        text,
        excerpt,
        toc: cleaned.toc,
        stocks: cleaned.stocks,
        images: cleaned.images,
        source,
        editor: cleaned.editor,
        original_title: cleaned.original_title,
        disclaimer: cleaned.disclaimer,
        original_url: trailer.original_url.or(cleaned.original_link),
        links: trailer.links,
        stats,
        warnings: warnings.into_vec(),
        timings_ms: now.map(|_| watch.stages),
    })
}

/// A body (Markdown with raw HTML) cleaned, and whether nesting was capped in it.
fn clean_body(body: &str, options: &Options, watch: &mut Stopwatch<'_>) -> (Cleaned, bool) {
    let alone = is_markdown_alone(body);
    let kramdown = kramdown::prepare(body);
    // Reading kramdown's syntax out may add markup (`{:toc}`'s comment); a body it left
    // alone is not scanned again.
    let added_markup = matches!(kramdown.body, Cow::Owned(_)) && has_markup(&kramdown.body);
    let (body, abbreviations) = (&*kramdown.body, &kramdown.abbreviations[..]);
    let max_nesting = options.limits.max_nesting;
    if !alone || added_markup {
        let (body_html, md_limited) =
            markdown::render_markdown_with(body, max_nesting, abbreviations);
        watch.lap("markdown");
        let parsed = parse_html(&body_html, max_nesting);
        watch.lap("parse");
        (
            clean(&parsed.html, options),
            md_limited || parsed.nesting_limited,
        )
    } else {
        // Markdown alone: its events go to the cleaning walk, with no HTML in between.
        let (body, md_limited) = markdown::cap_nesting(body, max_nesting.max(1));
        (
            clean_markdown(markdown::markdown_events(&body), options),
            md_limited,
        )
    }
}

/// Normalises line endings and refuses binary data; other control characters are dropped.
fn clean_text(raw: &str, warnings: &mut Warnings) -> Result<String, Error> {
    let suspect = text::may_hold_controls(raw);
    let text = normalize(raw);
    if !suspect {
        return Ok(text);
    }
    let controls = raw.chars().filter(|&c| is_stray_control(c)).count();
    if raw.contains('\0') || controls * 10 > raw.chars().count() {
        return Err(Error::Binary);
    }
    if controls == 0 {
        return Ok(text);
    }
    warnings.push(
        WarningCode::InvalidText,
        format!("{controls} control characters were removed"),
    );
    Ok(text.chars().filter(|&c| !is_stray_control(c)).collect())
}

/// Whether a body is cleaned from its Markdown events directly ([`clean_markdown`]):
/// no HTML in it, and nothing kramdown writes as HTML (footnotes, abbreviations).
/// Else it goes through HTML ([`render_markdown`] → [`parse_html`] → [`clean`]).
///
/// # Examples
/// ```
/// assert!(finews_reader::is_markdown_alone("**重要**"));
/// assert!(!finews_reader::is_markdown_alone("注[^1]\n\n[^1]: 脚注"));
/// assert!(!finews_reader::is_markdown_alone("<p>正文</p>"));
/// ```
pub fn is_markdown_alone(body: &str) -> bool {
    !has_markup(body) && !markdown::writes_html(body)
}

/// Whether our html is paragraphs and nothing else at the top level.
fn is_paragraphs(html: &str) -> bool {
    html.split("</p>")
        .all(|block| block.is_empty() || block.starts_with("<p>"))
}

/// Whether a body holds HTML (a tag, comment, declaration or processing instruction; an
/// autolink too), else it is Markdown alone.
fn has_markup(body: &str) -> bool {
    body.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}
