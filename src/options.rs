//! Rendering options. `Options::default()` is the documented policy.

use serde::Deserialize;

/// How the EastMoney K-line chart blocks are rendered.
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StockCharts {
    /// A clean link "chip" to the quote page: no image, no tracking token. The default.
    #[default]
    Chip,
    /// Nothing in the body; the security is still listed in `stocks`.
    Remove,
}

/// How inline quote links (`keytip`, `em_stock_key_common`, `infokey`) are rendered.
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InlineQuotes {
    /// A clean `<a>` to the quote page. The default.
    #[default]
    Link,
    /// Plain text.
    Text,
}

/// Rendering options. Every field has a default; from JS, any missing key takes it.
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// K-line chart blocks. Default: [`StockCharts::Chip`].
    pub stock_charts: StockCharts,
    /// Inline quote links. Default: [`InlineQuotes::Link`].
    pub inline_quotes: InlineQuotes,
    /// Promote paragraphs holding only `<strong>…</strong>` to `<h2 id>`. Default: `true`.
    pub headings: bool,
    /// Space between CJK and Latin words (not numbers: `2021年`, `120万` stay). Default: `false`.
    pub cjk_spacing: bool,
    /// Maximum characters of `excerpt`. Default: `120`.
    pub excerpt_length: usize,
    /// `target` of external links, or `None` for none. Default: `Some("_blank")`.
    pub link_target: Option<String>,
    /// Base for relative and protocol-relative links.
    /// Default: `"https://finews.withounder.com/"`.
    pub base_url: String,
    /// Jekyll's `permalink` setting, for the URLs of `{% link %}` and `{% post_url %}`:
    /// a built-in style (`"date"`, `"pretty"`, `"ordinal"`, `"none"`) or a template
    /// (`"/:categories/:year/:month/:day/:title:output_ext"`). Default: `None` (`"date"`).
    pub permalink: Option<String>,
    /// Include per-stage timings in the article (`timings_ms`); needs a clock, so only
    /// the JS binding fills it. Default: `false`.
    pub timings: bool,
    /// Where a post marks it (kramdown's `{:toc}`, `<!-- toc -->`), the table of
    /// contents in `html`; `false` removes the marker, for a page that shows `toc`
    /// elsewhere. Default: `true`.
    pub inline_toc: bool,
    /// Safety limits. Default: [`Limits::default`].
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            stock_charts: StockCharts::Chip,
            inline_quotes: InlineQuotes::Link,
            headings: true,
            cjk_spacing: false,
            excerpt_length: 120,
            link_target: Some("_blank".to_owned()),
            base_url: "https://finews.withounder.com/".to_owned(),
            permalink: None,
            timings: false,
            inline_toc: true,
            limits: Limits::default(),
        }
    }
}

/// Limits that keep hostile input linear in time and bounded in memory.
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    /// Larger inputs are refused with [`Error::TooLarge`](crate::Error::TooLarge).
    /// Default: 16 MiB.
    pub max_input_bytes: usize,
    /// Tags (and Markdown quote/list levels) nested deeper are flattened, with a warning.
    /// Default: `128`.
    pub max_nesting: usize,
    /// At most this many securities are listed in `stocks`, with a warning past it.
    /// Default: `500`.
    pub max_stocks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 16 << 20,
            max_nesting: 128,
            max_stocks: 500,
        }
    }
}
