//! The sanitizing policy, as tables the cleaning walk runs on, and the body `html`
//! contract of SPEC §2 as a checker that reads the same tables (so do the ammonia oracle
//! of the tests and the browser tests).
//!
//! [`TAGS`] says what happens to each tag of the input; [`ATTRIBUTES`] which attributes
//! each tag of the output may carry and how their values are checked. A tag missing from
//! [`TAGS`] is unwrapped (its content kept), like any element we do not know.

use scraper::{Html, Node};

use crate::eastmoney;
use crate::urls::UrlUse;

/// What the walk does with an element of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Written as this tag (`b` → `strong`), with the attributes [`ATTRIBUTES`] allows.
    Keep(&'static str),
    /// The tag is dropped, its content kept.
    Unwrap,
    /// Dropped with its content: not article text (`style`, `head` …).
    Drop,
    /// Dropped with its content, with a warning: it could run code or load content.
    Refuse,
}

/// How an element lays out, as far as paragraphs and the parser's rules go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Ends a paragraph; closes an open `<p>` when a parser reads it.
    Block,
    /// Phrasing content, inside a paragraph.
    Inline,
    /// An element without content (`<br>`, `<img>`).
    Void,
}

/// What happens to a kept element that nothing visible ends up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// Removed (an empty `<p>`, `<strong>`, `<a>`).
    Dropped,
    /// Kept: its shape carries meaning (a table cell, `<pre>`).
    Kept,
}

/// One row of [`TAGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// The input tag.
    pub name: &'static str,
    /// What happens to it.
    pub action: Action,
    /// How it lays out (of the tag written, for a kept one).
    pub layout: Layout,
    /// Whether an empty one is kept.
    pub empty: Empty,
    /// The tags it may be written directly inside; empty for anywhere (flow content).
    /// A tag that some row lists here holds nothing but those rows (`<tr>`: cells only).
    pub inside: &'static [&'static str],
}

const fn keep(name: &'static str, layout: Layout, empty: Empty) -> Tag {
    Tag {
        name,
        action: Action::Keep(name),
        layout,
        empty,
        inside: &[],
    }
}

const fn keep_as(name: &'static str, written: &'static str, layout: Layout, empty: Empty) -> Tag {
    Tag {
        action: Action::Keep(written),
        ..keep(name, layout, empty)
    }
}

const fn part(name: &'static str, inside: &'static [&'static str]) -> Tag {
    Tag {
        inside,
        ..keep(name, Layout::Block, Empty::Kept)
    }
}

const fn unwrap(name: &'static str, layout: Layout) -> Tag {
    Tag {
        action: Action::Unwrap,
        ..keep(name, layout, Empty::Dropped)
    }
}

const fn drop(name: &'static str) -> Tag {
    Tag {
        action: Action::Drop,
        ..keep(name, Layout::Inline, Empty::Dropped)
    }
}

const fn refuse(name: &'static str) -> Tag {
    Tag {
        action: Action::Refuse,
        ..keep(name, Layout::Inline, Empty::Dropped)
    }
}

use Empty::{Dropped, Kept};
use Layout::{Block, Inline, Void};

/// What happens to each tag of the input. Not listed: unwrapped, inline.
#[rustfmt::skip]
pub const TAGS: &[Tag] = &[
    // Text blocks.
    keep("p", Block, Dropped),
    keep("div", Block, Dropped),
    keep_as("center", "div", Block, Dropped),
    keep("blockquote", Block, Dropped),
    keep("pre", Block, Kept),
    keep("hr", Block, Kept),
    keep("figure", Block, Dropped),
    keep("figcaption", Block, Dropped),
    // Headings: h1 is the article's title, so the body's start at h2.
    keep_as("h1", "h2", Block, Dropped),
    keep("h2", Block, Dropped),
    keep("h3", Block, Dropped),
    keep("h4", Block, Dropped),
    keep("h5", Block, Dropped),
    keep("h6", Block, Dropped),
    // Lists.
    keep("ul", Block, Dropped),
    keep("ol", Block, Dropped),
    keep("li", Block, Dropped),
    keep("dl", Block, Dropped),
    keep("dt", Block, Dropped),
    keep("dd", Block, Dropped),
    // Tables: data, kept with their shape (header cells too).
    part("table", &[]),
    part("caption", &["table"]),
    part("thead", &["table"]),
    part("tbody", &["table"]),
    part("tfoot", &["table"]),
    part("tr", &["thead", "tbody", "tfoot"]),
    part("th", &["tr"]),
    part("td", &["tr"]),
    // Phrasing.
    keep("a", Inline, Dropped),
    keep("strong", Inline, Dropped),
    keep_as("b", "strong", Inline, Dropped),
    keep("em", Inline, Dropped),
    keep_as("i", "em", Inline, Dropped),
    keep("u", Inline, Dropped),
    keep("s", Inline, Dropped),
    keep("del", Inline, Dropped),
    keep("ins", Inline, Dropped),
    keep("sub", Inline, Dropped),
    keep("sup", Inline, Dropped),
    keep("small", Inline, Dropped),
    keep("mark", Inline, Dropped),
    keep("q", Inline, Dropped),
    keep("cite", Inline, Dropped),
    keep("abbr", Inline, Kept),
    keep("code", Inline, Kept),
    keep("kbd", Inline, Kept),
    keep("br", Void, Kept),
    keep("img", Void, Kept),
    // Containers of page layout: their content is the article's.
    unwrap("section", Block),
    unwrap("article", Block),
    unwrap("header", Block),
    unwrap("footer", Block),
    unwrap("aside", Block),
    unwrap("nav", Block),
    unwrap("main", Block),
    unwrap("address", Block),
    // Not article text.
    drop("style"), drop("head"), drop("title"), drop("template"), drop("noscript"),
    drop("map"), drop("area"), drop("param"),
    // Could run code or load content.
    refuse("script"), refuse("iframe"), refuse("frame"), refuse("frameset"),
    refuse("object"), refuse("embed"), refuse("applet"), refuse("form"), refuse("input"),
    refuse("button"), refuse("select"), refuse("textarea"), refuse("option"),
    refuse("base"), refuse("meta"), refuse("link"), refuse("portal"), refuse("audio"),
    refuse("video"), refuse("source"), refuse("track"), refuse("canvas"), refuse("dialog"),
    refuse("noembed"), refuse("noframes"), refuse("xmp"), refuse("plaintext"),
];

/// The row of an unlisted tag: unwrapped, inline.
const UNLISTED: Tag = unwrap("", Inline);

/// The policy for an input tag.
///
/// # Examples
/// ```
/// use finews_reader::contract::{tag, Action};
/// assert_eq!(tag("b").action, Action::Keep("strong"));
/// assert_eq!(tag("script").action, Action::Refuse);
/// assert_eq!(tag("font").action, Action::Unwrap);
/// ```
pub fn tag(name: &str) -> &'static Tag {
    TAGS.iter().find(|t| t.name == name).unwrap_or(&UNLISTED)
}

/// Every tag the output may hold: the targets of [`Action::Keep`].
pub fn output_tags() -> impl Iterator<Item = &'static str> {
    TAGS.iter().filter_map(|t| match t.action {
        Action::Keep(written) if written == t.name => Some(written),
        _ => None,
    })
}

/// How an attribute value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// A URL whose scheme is allowed for this use.
    Url(UrlUse),
    /// A whole number from 1 to this maximum.
    Number(u32),
    /// Any text (escaped when written).
    Text,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// One of these prefixes and a name (`language-rust`, `fn:1`): letters, digits and
    /// `_+#.-`, nothing a selector or URL would read otherwise.
    Prefixed(&'static [&'static str]),
}

/// Who writes an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Copied from the input when its value passes the check (`colspan`).
    Input,
    /// Written by the walk itself (`rel`, `loading`, a heading's `id`, a checked `href`).
    Ours,
}

/// An attribute a tag of the output may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    /// Its name.
    pub name: &'static str,
    /// How its value is checked.
    pub value: Value,
    /// Who writes it.
    pub origin: Origin,
}

const fn input(name: &'static str, value: Value) -> Attribute {
    Attribute {
        name,
        value,
        origin: Origin::Input,
    }
}

const fn ours(name: &'static str, value: Value) -> Attribute {
    Attribute {
        name,
        value,
        origin: Origin::Ours,
    }
}

/// The classes of our own links: a chart chip, an inline security.
pub const CLASSES: &[&str] = &["stock", "stock-chip"];

const HEADING: &[Attribute] = &[ours("id", Value::Text)];
const CELL: &[Attribute] = &[
    input("colspan", Value::Number(1000)),
    input("rowspan", Value::Number(1000)),
];

/// The attributes each tag of the output may carry; every other one is dropped.
#[rustfmt::skip]
pub const ATTRIBUTES: &[(&str, &[Attribute])] = &[
    ("a", &[
        ours("href", Value::Url(UrlUse::Link)),
        ours("class", Value::OneOf(CLASSES)),
        ours("title", Value::Text),
        ours("rel", Value::OneOf(&["noopener noreferrer"])),
        ours("target", Value::Text),
    ]),
    ("img", &[
        ours("src", Value::Url(UrlUse::Image)),
        ours("alt", Value::Text),
        ours("width", Value::Number(100_000)),
        ours("height", Value::Number(100_000)),
        ours("loading", Value::OneOf(&["lazy"])),
        ours("decoding", Value::OneOf(&["async"])),
        ours("referrerpolicy", Value::OneOf(&["no-referrer"])),
    ]),
    ("h2", HEADING), ("h3", HEADING), ("h4", HEADING), ("h5", HEADING), ("h6", HEADING),
    ("td", CELL), ("th", CELL),
    ("ol", &[input("start", Value::Number(1000))]),
    ("abbr", &[input("title", Value::Text)]),
    // A fenced block's language, as kramdown and highlighters name it.
    ("code", &[input("class", Value::Prefixed(&["language-"]))]),
    // Footnotes and the references that link to them (kramdown's ids).
    ("li", &[input("id", Value::Prefixed(&["fn:"]))]),
    ("sup", &[input("id", Value::Prefixed(&["fnref:"]))]),
];

/// The attributes a tag of the output may carry.
pub fn attributes(tag: &str) -> &'static [Attribute] {
    ATTRIBUTES
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(&[], |(_, attrs)| attrs)
}

/// `n` if the policy lets `tag`'s attribute `name` carry it (a number in its range).
pub fn number_for(tag: &str, name: &str, n: u32) -> Option<u32> {
    let attribute = attributes(tag).iter().find(|a| a.name == name)?;
    match attribute.value {
        Value::Number(max) => (1..=max).contains(&n).then_some(n),
        _ => None,
    }
}

/// Whether `value` passes the check (URLs: their scheme only; the walk also resolves
/// and checks the host).
pub fn accepts(check: Value, value: &str) -> bool {
    match check {
        Value::Url(UrlUse::Link) if crate::urls::is_fragment(value) => true,
        Value::Url(usage) => crate::urls::schemes(usage)
            .iter()
            .any(|s| scheme_of(value).is_some_and(|v| v.eq_ignore_ascii_case(s))),
        Value::Number(max) => number(value).is_some_and(|n| n <= max),
        Value::Text => true,
        Value::OneOf(words) => words.contains(&value),
        Value::Prefixed(prefixes) => prefixes.iter().any(|prefix| {
            value.strip_prefix(prefix).is_some_and(|name| {
                !name.is_empty()
                    && name.len() <= 64
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_+#.-".contains(&b))
            })
        }),
    }
}

/// A whole number from 1, written plainly (`007`, `+1` and `1.0` are not).
fn number(value: &str) -> Option<u32> {
    let plain = !value.is_empty() && !value.starts_with('0') && value.len() <= 9;
    plain
        .then(|| value.bytes().all(|b| b.is_ascii_digit()))
        .filter(|&digits| digits)
        .and_then(|_| value.parse().ok())
}

fn scheme_of(url: &str) -> Option<&str> {
    url.split_once(':').map(|(scheme, _)| scheme)
}

/// Every way `html` breaks the contract; empty when it holds.
///
/// # Examples
/// ```
/// use finews_reader::contract::violations;
/// assert!(violations("<p>好</p>").is_empty());
/// assert_eq!(violations("<p onclick=x>好</p>").len(), 1);
/// assert!(violations("<p>data-code 属性</p>").is_empty(), "text is not markup");
/// ```
pub fn violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let element = match node.value() {
            Node::Comment(_) => {
                found.push("a comment".to_owned());
                continue;
            }
            Node::Element(element) => element,
            _ => continue,
        };
        let name = element.name();
        // The parser's own wrappers (a `<body>` in the input is dropped by any parser).
        if matches!(name, "html" | "body") {
            continue;
        }
        if !output_tags().any(|t| t == name) {
            found.push(format!("tag <{name}>"));
        }
        let allowed = attributes(name);
        for (attr, value) in element.attrs() {
            match allowed.iter().find(|a| a.name == attr) {
                None => found.push(format!("attribute {attr}={value:?} on <{name}>")),
                Some(a) if !accepts(a.value, value) => {
                    found.push(format!("{attr}={value:?} on <{name}>"))
                }
                Some(_) => {}
            }
            if matches!(attr, "href" | "src") && eastmoney::is_tracker(value) {
                found.push(format!("a tracking URL {value:?} on <{name}>"));
            }
        }
        if name == "img"
            && (element.attr("loading") != Some("lazy")
                || element.attr("referrerpolicy") != Some("no-referrer"))
        {
            found.push("an <img> without loading=lazy and referrerpolicy=no-referrer".to_owned());
        }
        if name == "a"
            && element.attr("target").is_some()
            && element.attr("rel") != Some("noopener noreferrer")
        {
            found.push("a link with a target but no rel=\"noopener noreferrer\"".to_owned());
        }
        if name == "p" {
            let visible = node.descendants().any(|n| match n.value() {
                Node::Text(t) => !t.trim().is_empty(),
                Node::Element(e) => e.name() == "img",
                _ => false,
            });
            if !visible {
                found.push("an empty <p>".to_owned());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_tag_has_a_row_of_its_own() {
        for row in TAGS {
            if let Action::Keep(written) = row.action {
                assert_eq!(tag(written).action, Action::Keep(written), "{}", row.name);
                assert_eq!(tag(written).layout, row.layout, "{}", row.name);
            }
        }
    }

    #[test]
    fn rows_are_unique_and_parents_are_written_tags() {
        for (i, row) in TAGS.iter().enumerate() {
            assert!(
                !TAGS[..i].iter().any(|r| r.name == row.name),
                "{}",
                row.name
            );
            for parent in row.inside {
                assert!(output_tags().any(|t| t == *parent), "{parent}");
            }
        }
        for (tag, _) in ATTRIBUTES {
            assert!(output_tags().any(|t| t == *tag), "{tag}");
        }
    }

    #[test]
    fn values_are_checked() {
        assert!(accepts(Value::Number(1000), "3"));
        for bad in ["0", "007", "+1", "1.0", "1001", "", "1e3"] {
            assert!(!accepts(Value::Number(1000), bad), "{bad}");
        }
        assert!(accepts(Value::Url(UrlUse::Link), "mailto:a@b.cn"));
        assert!(!accepts(Value::Url(UrlUse::Image), "mailto:a@b.cn"));
        assert!(!accepts(Value::Url(UrlUse::Link), "javascript:alert(1)"));
        assert!(!accepts(Value::OneOf(CLASSES), "EmImageRemark"));
    }

    #[test]
    fn unlisted_tags_are_unwrapped_inline() {
        assert_eq!(tag("font").action, Action::Unwrap);
        assert_eq!(tag("font").layout, Layout::Inline);
        assert_eq!(tag("section").layout, Layout::Block);
    }
}
