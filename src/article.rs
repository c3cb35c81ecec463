//! The rendered article and its parts: what `renderPost` returns.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Warning;

/// A clean, safe article made from one raw post.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Front-matter title, entities decoded; a sentence of the text when empty.
    pub title: String,
    /// ISO 8601 date with offset (`2021-12-23T19:17:04+08:00`), or `None`.
    pub date: Option<String>,
    /// Jekyll categories.
    pub categories: Vec<String>,
    /// Jekyll tags.
    pub tags: Vec<String>,
    /// Every front-matter key and value, as parsed.
    pub front_matter: Map<String, Value>,
    /// The `> ` digest or the plain-text digest.
    pub digest: Option<String>,
    /// The clean, sanitized article body.
    pub html: String,
    /// Plain text of the body, paragraphs separated by a blank line.
    pub text: String,
    /// A short summary cut at a sentence end.
    pub excerpt: String,
    /// Section headings.
    pub toc: Vec<TocEntry>,
    /// Every security the post references, de-duplicated.
    pub stocks: Vec<Stock>,
    /// Photos of the body.
    pub images: Vec<Image>,
    /// The publishing outlet (`上海证券报`).
    pub source: Option<String>,
    /// The responsible editor (`（责任编辑：张三）` → `张三`).
    pub editor: Option<String>,
    /// The title the article first ran under (`原标题：…`).
    pub original_title: Option<String>,
    /// EastMoney's disclaimer, risk warning and data notes that ended the post, a line each.
    pub disclaimer: Option<String>,
    /// The trailer's link to the original article (else the body's `[点击查看原文]`).
    pub original_url: Option<String>,
    /// The trailer's navigation links, resolved against `baseUrl`.
    pub links: Vec<Link>,
    /// Counts and reading time.
    pub stats: Stats,
    /// Everything recovered from.
    pub warnings: Vec<Warning>,
    /// Milliseconds per stage, when [`Options::timings`](crate::Options::timings) is on
    /// and a clock was given ([`render_post_timed`](crate::render_post_timed)).
    #[serde(rename = "timings_ms", skip_serializing_if = "Option::is_none")]
    pub timings_ms: Option<Map<String, Value>>,
}

/// The parsed front matter alone: the fast path for listings.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrontMatter {
    /// The title, entities decoded (may be empty here: no fallback without the body).
    pub title: String,
    /// ISO 8601 date with offset, or `None`.
    pub date: Option<String>,
    /// Jekyll categories (a space-separated string is split, as Jekyll does).
    pub categories: Vec<String>,
    /// Jekyll tags.
    pub tags: Vec<String>,
    /// Every key and value, as parsed.
    pub front_matter: Map<String, Value>,
    /// What was recovered from.
    pub warnings: Vec<Warning>,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// The heading's `id`, readable and unique in the article (CJK kept).
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// 2 for `<h2>`, and so on.
    pub level: u8,
}

/// Where a security reference was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StockSource {
    /// A K-line chart block.
    Chart,
    /// An inline quote link.
    Inline,
}

/// A security the post references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stock {
    /// The code: `600160`, `NIO`, `BK0493`.
    pub code: String,
    /// `SH`, `SZ`, `BJ`, `HK`, `US`, `BK`, `INDEX`, `FUT`, `FX`, `FUND`, `UK`, or
    /// `MKT-<id>` for an EastMoney market id not known.
    pub market: String,
    /// The name, when the post gives one.
    pub name: Option<String>,
    /// The quote page.
    pub quote_url: String,
    /// Where it was first found.
    pub from: StockSource,
}

/// A photo of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    /// The image URL.
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// Original width, from the `_w800h555` file name or the attribute.
    pub width: Option<u32>,
    /// Original height.
    pub height: Option<u32>,
    /// The caption paragraph that followed it.
    pub caption: Option<String>,
}

/// A navigation link of the trailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Link text (`返回首页`).
    pub text: String,
    /// Absolute URL.
    pub href: String,
}

/// Counts over the body text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Characters, white space excluded.
    pub characters: usize,
    /// CJK characters (Han, kana, Hangul).
    pub cjk_characters: usize,
    /// Latin words (runs of letters, with digits inside, such as `HFO-1234yf`).
    pub latin_words: usize,
    /// Numbers (runs of digits, with `.` `,` `%` inside), counted apart from words.
    pub numbers: usize,
    /// Paragraphs of the text.
    pub paragraphs: usize,
    /// Reading time in whole minutes, at least 1 for any text.
    pub reading_minutes: u32,
}
