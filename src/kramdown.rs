//! kramdown's own block syntax, as Jekyll posts use it, read before pulldown-cmark sees
//! the body: attribute lists (`{: .note}`, `{:toc}`), extensions (`{::comment}`) and
//! abbreviation definitions (`*[HTML]: …`). None of it ever shows as text.
//!
//! Footnotes, definition lists, heading ids and fenced code are pulldown-cmark's own
//! options (src/markdown.rs); this module only reads what it has no option for.

use std::borrow::Cow;

/// A body with kramdown's block syntax read out of it.
#[derive(Debug, Default)]
pub(crate) struct Kramdown<'a> {
    /// The body for pulldown-cmark: `{:toc}` is the comment `<!--toc-->`, the rest removed.
    pub(crate) body: Cow<'a, str>,
    /// `*[abbreviation]: title` definitions, in order.
    pub(crate) abbreviations: Vec<(String, String)>,
}

/// The comment that marks where the table of contents goes (`{:toc}` becomes it; the
/// `<!-- toc -->` of other Markdown tools means the same).
pub(crate) const TOC_MARKER: &str = "toc";

/// At most this many abbreviations are applied (each is a scan of the text).
const MAX_ABBREVIATIONS: usize = 64;

/// Reads kramdown's block syntax out of a body. Borrowed, and no work, when the body
/// holds none (`{:` or `*[`).
pub(crate) fn prepare(body: &str) -> Kramdown<'_> {
    if !body.contains("{:") && !body.contains("*[") {
        return Kramdown {
            body: Cow::Borrowed(body),
            abbreviations: Vec::new(),
        };
    }
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    let mut abbreviations = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut skipping: Option<&str> = None;
    for line in body.split('\n') {
        let trimmed = line.trim();
        if let Some(end) = skipping {
            if trimmed.contains(end) || trimmed.contains("{:/}") {
                skipping = None;
            }
            continue;
        }
        if let Some(open) = fence {
            if fence_of(line).is_some_and(|(c, n)| c == open.0 && n >= open.1) {
                fence = None;
            }
            out.push(Cow::Borrowed(line));
            continue;
        }
        if let Some(opened) = fence_of(line) {
            fence = Some(opened);
            out.push(Cow::Borrowed(line));
            continue;
        }
        match block_syntax(trimmed) {
            Some(Block::Extension { closes_at }) => skipping = closes_at,
            Some(Block::Attributes { toc: true }) => {
                // The list the marker follows (`* 目录`) is where the contents go.
                while out.last().is_some_and(|l| is_list_item(l)) {
                    out.pop();
                }
                out.push(Cow::Owned(format!("\n<!--{TOC_MARKER}-->\n")));
            }
            Some(Block::Attributes { toc: false }) => {}
            Some(Block::Abbreviation(name, title)) => {
                if abbreviations.len() < MAX_ABBREVIATIONS {
                    abbreviations.push((name.to_owned(), title.to_owned()));
                }
            }
            None => out.push(without_span_attributes(line)),
        }
    }
    Kramdown {
        body: Cow::Owned(out.join("\n")),
        abbreviations,
    }
}

/// A line of kramdown's block syntax.
enum Block<'a> {
    /// `{: .class #id}`, `{:toc}`, `{:name: .class}` (a definition): nothing to show.
    Attributes { toc: bool },
    /// `{::comment}` … `{:/comment}` (skipped to its end), `{::options … /}` (one line).
    Extension { closes_at: Option<&'static str> },
    /// `*[HTML]: Hyper Text Markup Language`.
    Abbreviation(&'a str, &'a str),
}

fn block_syntax(line: &str) -> Option<Block<'_>> {
    if let Some(rest) = line.strip_prefix("*[") {
        let (name, title) = rest.split_once("]:")?;
        return (!name.trim().is_empty()).then(|| Block::Abbreviation(name.trim(), title.trim()));
    }
    let inner = line.strip_prefix("{:")?.strip_suffix('}')?;
    if let Some(extension) = inner.strip_prefix(':') {
        // `{::nomarkdown}` and its end are markers only: the content in between stays.
        let closes_at = match extension.split_whitespace().next() {
            _ if extension.ends_with('/') => None,
            Some("comment") => Some("{:/comment}"),
            _ => None,
        };
        return Some(Block::Extension { closes_at });
    }
    if inner.starts_with('/') {
        // An end marker (`{:/nomarkdown}`, `{:/}`) whose start was a marker only.
        return Some(Block::Extension { closes_at: None });
    }
    if inner.contains(['{', '}']) {
        return None; // `{:a} text {:b}`: not one list, text.
    }
    let toc = inner.split_whitespace().any(|word| word == "toc");
    Some(Block::Attributes { toc })
}

/// `*`, `-`, `+` or `1.` opening a line: the one-item list above `{:toc}`.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with(['*', '-', '+']) && line[1..].starts_with([' ', '\t'])
        || digits > 0 && line[digits..].starts_with(['.', ')'])
}

/// A code fence opening or closing a line: its character and length.
fn fence_of(line: &str) -> Option<(u8, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line.as_bytes()[indent..];
    let c = *rest.first().filter(|&&c| c == b'`' || c == b'~')?;
    let n = rest.iter().take_while(|&&b| b == c).count();
    (indent < 4 && n >= 3).then_some((c, n))
}

/// A line with span attribute lists (`*em*{: .x}`, `[a](u){:target="_blank"}`)
/// removed; `{:` anywhere else (in code, in text, in HTML) is text.
fn without_span_attributes(line: &str) -> Cow<'_, str> {
    if !line.contains("{:") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut in_code = false;
    while let Some(i) = rest.find(['`', '{']) {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        if at.starts_with('`') {
            let ticks = at.bytes().take_while(|&b| b == b'`').count();
            in_code = !in_code;
            out.push_str(&at[..ticks]);
            rest = &at[ticks..];
            continue;
        }
        // A span's list follows its element at once: `*em*{:…}`, `[a](u){:…}`.
        let after_span = out.ends_with(['*', '_', '`', ')', ']']);
        let list = (!in_code && after_span)
            .then(|| at.strip_prefix("{:"))
            .flatten()
            .and_then(|inner| {
                inner
                    .find(['{', '}'])
                    .filter(|&j| inner[j..].starts_with('}'))
            })
            .map(|j| j + 3);
        match list {
            Some(len) => rest = &at[len..],
            None => {
                out.push('{');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        prepare(text).body.into_owned()
    }

    #[test]
    fn toc_replaces_the_list_it_follows() {
        assert_eq!(
            body("intro\n\n* TOC\n{:toc}\n\n## A"),
            "intro\n\n\n<!--toc-->\n\n\n## A"
        );
        assert_eq!(body("1. 目录\n{:toc}"), "\n<!--toc-->\n");
    }

    #[test]
    fn attribute_lists_never_show() {
        assert_eq!(body("A note.\n{: .note}\n\nText"), "A note.\n\nText");
        assert_eq!(
            body("{:ref: .big}\n*em*{: .x} and [a](u){:target=\"_blank\"}"),
            "*em* and [a](u)"
        );
        assert_eq!(body("`{: .kept}` in code"), "`{: .kept}` in code");
        assert_eq!(body("a {: unclosed"), "a {: unclosed");
        assert_eq!(
            body("<code>{: .class}</code> and a {: b}"),
            "<code>{: .class}</code> and a {: b}"
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(body("a\n{::comment}\nhidden\n{:/comment}\nb"), "a\nb");
        assert_eq!(body("{::options parse_block_html=\"true\" /}\nb"), "b");
        assert_eq!(body("{::nomarkdown}\n<b>x</b>\n{:/nomarkdown}"), "<b>x</b>");
    }

    #[test]
    fn abbreviations_are_read_out() {
        let read =
            prepare("HTML is here.\n\n*[HTML]: Hyper Text Markup Language\n*[央行]: 中国人民银行");
        assert_eq!(read.body, "HTML is here.\n");
        assert_eq!(
            read.abbreviations,
            [
                ("HTML".to_owned(), "Hyper Text Markup Language".to_owned()),
                ("央行".to_owned(), "中国人民银行".to_owned())
            ]
        );
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let text = "```\n{: .x}\n*[A]: b\n```\n{: .y}";
        assert_eq!(body(text), "```\n{: .x}\n*[A]: b\n```");
    }
}
