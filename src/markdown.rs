//! Stage 3: the Markdown parts of a post, with pulldown-cmark.

use std::borrow::Cow;

use pulldown_cmark::{html, Event, LinkType, Options as MdOptions, Parser, Tag, TagEnd};

use crate::article::Link;
use crate::urls::{self, UrlUse};

fn md_options() -> MdOptions {
    MdOptions::ENABLE_TABLES | MdOptions::ENABLE_STRIKETHROUGH
}

/// Renders a body (Markdown with embedded raw HTML, as kramdown sees it) to HTML.
/// The raw HTML passes through untouched: sanitizing comes after, on the whole.
///
/// Container markers (`>`, list bullets) nested deeper than `max_nesting` on a line are
/// dropped first: pulldown-cmark is quadratic in that depth. Returns whether it applied.
///
/// # Examples
/// ```
/// let (html, limited) = finews_reader::render_markdown("离岸人民币**升值**。", 128);
/// assert_eq!(html, "<p>离岸人民币<strong>升值</strong>。</p>\n");
/// assert!(!limited);
/// ```
pub fn render_markdown(body: &str, max_nesting: usize) -> (String, bool) {
    let (body, limited) = cap_nesting(body, max_nesting.max(1));
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    html::push_html(&mut out, Parser::new_ext(&body, md_options()));
    (out, limited)
}

/// Drops container markers beyond `max` at the start of each line.
fn cap_nesting(body: &str, max: usize) -> (Cow<'_, str>, bool) {
    let needs_cap = body.split('\n').any(|line| container_prefix(line).1 > max);
    if !needs_cap {
        return (Cow::Borrowed(body), false);
    }
    let mut out = String::with_capacity(body.len());
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (ends, depth) = container_prefix(line);
        if depth > max {
            out.push_str(&line[..ends[max - 1]]);
            out.push_str(line[ends[depth - 1]..].trim_start());
        } else {
            out.push_str(line);
        }
    }
    (Cow::Owned(out), true)
}

/// The byte offsets after each container marker (`>`, `-`, `*`, `+`, `1.`) that opens a line.
fn container_prefix(line: &str) -> (Vec<usize>, usize) {
    let bytes = line.as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let marker_end = match bytes.get(i) {
            Some(b'>') => i + 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i + 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                match bytes.get(i + digits) {
                    Some(b'.' | b')')
                        if digits <= 9
                            && matches!(bytes.get(i + digits + 1), Some(b' ' | b'\t')) =>
                    {
                        i + digits + 1
                    }
                    _ => break,
                }
            }
            _ => break,
        };
        ends.push(marker_end);
        i = marker_end;
    }
    let depth = ends.len();
    (ends, depth)
}

/// What the trailer says: the original article and the navigation links.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trailer {
    /// The autolink (`<http://…>`), upgraded to https where the host serves it.
    pub original_url: Option<String>,
    /// `[返回…](…)` links, resolved against the base URL.
    pub links: Vec<Link>,
}

/// Reads the trailer's links with pulldown-cmark.
///
/// # Examples
/// ```
/// let trailer = finews_reader::parse_trailer(
///     "<http://finance.eastmoney.com/a/1.html>\n\n[返回首页](//finews.withounder.com/)",
///     "https://finews.withounder.com/",
/// );
/// assert_eq!(trailer.original_url.as_deref(), Some("https://finance.eastmoney.com/a/1.html"));
/// assert_eq!(trailer.links[0].href, "https://finews.withounder.com/");
/// ```
pub fn parse_trailer(trailer: &str, base_url: &str) -> Trailer {
    let mut result = Trailer::default();
    let mut open: Option<(LinkType, String, String)> = None;
    for event in Parser::new_ext(trailer, md_options()) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                open = Some((link_type, dest_url.into_string(), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, label)) = &mut open {
                    label.push_str(&text);
                }
            }
            Event::End(TagEnd::Link) => {
                let Some((link_type, dest, text)) = open.take() else {
                    continue;
                };
                let Some(href) = urls::safe_url(&dest, base_url, UrlUse::Link) else {
                    continue;
                };
                if link_type == LinkType::Autolink && result.original_url.is_none() {
                    result.original_url = Some(urls::upgrade(&href));
                } else if link_type != LinkType::Autolink {
                    result.links.push(Link {
                        text: text.trim().to_owned(),
                        href,
                    });
                }
            }
            _ => {}
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_quotes_are_capped() {
        let body = ">".repeat(20_000) + " 深";
        let (html, limited) = render_markdown(&body, 8);
        assert!(limited);
        assert_eq!(html.matches("<blockquote>").count(), 8);
        assert!(html.contains('深'));
    }

    #[test]
    fn empty_autolink_is_no_url() {
        assert_eq!(parse_trailer("<>", "https://a.cn/").original_url, None);
    }

    #[test]
    fn relative_links_resolve_against_base() {
        let trailer = parse_trailer(
            "[返回首页](../)｜[返回东财滚动新闻](./emnews/)",
            "https://finews.withounder.com/",
        );
        assert_eq!(trailer.links[0].href, "https://finews.withounder.com/");
        assert_eq!(
            trailer.links[1].href,
            "https://finews.withounder.com/emnews/"
        );
        assert_eq!(trailer.links[1].text, "返回东财滚动新闻");
    }
}
