//! The one error type, and the warnings for everything recovered from.

use serde::Serialize;

/// Why no article could be produced at all.
///
/// Everything short of these is recovered from and reported as a [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only white space.
    #[error("the post is empty")]
    Empty,
    /// The input is larger than [`Limits::max_input_bytes`](crate::Limits::max_input_bytes).
    #[error("the post is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit it exceeded.
        limit: usize,
    },
    /// The input is not text (it holds NUL bytes or is mostly control characters).
    #[error("the post is not text (binary data)")]
    Binary,
    /// The input parsed, but holds neither a title nor any text.
    #[error("the post has no title and no content")]
    NoContent,
    /// The options given cannot be used.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// Fetching a post failed (`loadPost` in the browser).
    #[error("could not fetch the post: {0}")]
    Fetch(String),
}

impl Error {
    /// A stable, machine-readable code for the error, e.g. `"empty"` or `"too-large"`.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(finews_reader::render_post("").unwrap_err().code(), "empty");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::TooLarge { .. } => "too-large",
            Error::Binary => "binary",
            Error::NoContent => "no-content",
            Error::InvalidOptions(_) => "invalid-options",
            Error::Fetch(_) => "fetch",
        }
    }
}

/// What was recovered from. Serialized in kebab-case (`"front-matter-recovered"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningCode {
    /// The post has no `---` front matter block.
    NoFrontMatter,
    /// The front matter was not valid YAML; it was read line by line instead.
    FrontMatterRecovered,
    /// A front-matter line could not be read at all; it is kept as a raw string.
    FrontMatterLineSkipped,
    /// The front matter opened with `---` but never closed; the whole post is read as body.
    FrontMatterUnclosed,
    /// The title is empty; a sentence of the text stands in for it.
    TitleMissing,
    /// The date is empty.
    DateMissing,
    /// The date could not be read.
    DateInvalid,
    /// A chart or quote link names a market id that is not known.
    UnknownMarket,
    /// A stock-chart block held something that is not a recognised chart.
    UnknownWidget,
    /// An element was removed for safety (script, iframe, form, event handler …).
    UnsafeContentRemoved,
    /// A URL was dropped because its scheme is not allowed (`javascript:` …).
    UnsafeUrlRemoved,
    /// Tags nested deeper than the limit were flattened.
    NestingLimited,
    /// More securities than the limit; the rest are not listed in `stocks`.
    StocksLimited,
    /// The input held bytes that are not UTF-8, or control characters; they were replaced.
    InvalidText,
    /// A line of the Markdown trailer could not be understood; it stays in the body.
    TrailerUnrecognised,
    /// Jekyll Liquid that has no safe meaning here (`{% include %}`, `{{ site.url }}` …)
    /// was removed, never evaluated; the message names it.
    LiquidRemoved,
}

/// Something the renderer recovered from: a code and a readable message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable machine-readable code.
    pub code: WarningCode,
    /// What happened, for people.
    pub message: String,
}

/// Collects warnings, one per code and message.
#[derive(Debug, Default)]
pub(crate) struct Warnings(Vec<Warning>);

impl Warnings {
    pub(crate) fn push(&mut self, code: WarningCode, message: impl Into<String>) {
        let message = message.into();
        if !self
            .0
            .iter()
            .any(|w| w.code == code && w.message == message)
        {
            self.0.push(Warning { code, message });
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Warning> {
        self.0
    }
}
