//! Stage 1: split a raw post into front matter, digest, body and trailer.

/// The parts of a raw post, borrowed from its (line-ending normalised) text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parts<'a> {
    /// The YAML between the `---` lines, if the post has any.
    pub front_matter: Option<&'a str>,
    /// `true` when a `---` opened front matter that never closed.
    pub unclosed_front_matter: bool,
    /// The leading `> ` digest line (the finews shape only), as plain text.
    pub digest: Option<String>,
    /// The body: Markdown with embedded raw HTML, digest and trailer removed.
    pub body: &'a str,
    /// The trailer: the autolink and `[返回…](…)` lines, as Markdown.
    pub trailer: &'a str,
}

/// Normalises a post's text: no BOM, `\n` line endings only.
///
/// # Examples
/// ```
/// assert_eq!(finews_reader::normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
/// ```
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Splits a normalised post (see [`normalize`]) into its parts.
///
/// # Examples
/// ```
/// let parts = finews_reader::split("---\ntitle: t\n---\n> 摘要\n\n<p>正文</p>\n\n<http://x.cn/a>");
/// assert_eq!(parts.front_matter, Some("title: t"));
/// assert_eq!(parts.digest.as_deref(), Some("摘要"));
/// assert_eq!(parts.body, "<p>正文</p>");
/// assert_eq!(parts.trailer, "<http://x.cn/a>");
/// ```
pub fn split(text: &str) -> Parts<'_> {
    let (front_matter, unclosed_front_matter, rest) = split_front_matter(text);
    let (rest, trailer) = split_trailer(rest);
    let (digest, body) = split_digest(rest);
    Parts {
        front_matter,
        unclosed_front_matter,
        digest,
        body: body.trim(),
        trailer,
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Front matter opens with `---` on the first non-blank line and closes with `---` or `...`.
fn split_front_matter(text: &str) -> (Option<&str>, bool, &str) {
    let start = text.len() - text.trim_start().len();
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut lines = text[start..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (None, false, text);
    };
    if !is_fence(first) {
        return (None, false, text);
    }
    let yaml_start = start + first.len();
    let mut pos = yaml_start;
    for line in lines {
        if is_fence(line) || line.trim_end() == "..." {
            let yaml = text[yaml_start..pos].trim_end_matches('\n');
            return (Some(yaml), false, &text[pos + line.len()..]);
        }
        pos += line.len();
    }
    (None, true, &text[yaml_start..])
}

/// The trailer is the run of autolink and navigation lines at the end of the body.
fn split_trailer(body: &str) -> (&str, &str) {
    let mut cut = body.trim_end().len();
    let mut start = cut;
    loop {
        let before = body[..start].trim_end();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before[line_start..].trim();
        if line.is_empty() || !is_trailer_line(line) {
            break;
        }
        start = line_start;
        if line_start == 0 {
            break;
        }
    }
    if start == cut {
        return (body, "");
    }
    let trailer = body[start..cut].trim();
    cut = start;
    (&body[..cut], trailer)
}

/// `<http://…>`, `<>`, or a line made only of `[返回…](…)` links separated by `｜`.
fn is_trailer_line(line: &str) -> bool {
    if line.starts_with('<') && line.ends_with('>') {
        let inner = &line[1..line.len() - 1];
        return inner.is_empty() || (inner.contains("://") && !inner.contains([' ', '<', '>']));
    }
    line.starts_with("[返回")
        && line.split(['｜', '|']).all(|link| {
            let link = link.trim();
            link.starts_with('[') && link.ends_with(')') && link.contains("](")
        })
}

/// A digest is the finews shape only: one `> ` line of plain text at the top, then the
/// body. Any other leading quote (a poem, an epigraph, nested or marked-up quotes) is
/// the body's own `<blockquote>`.
fn split_digest(body: &str) -> (Option<String>, &str) {
    let body = body.trim_start_matches('\n');
    let (line, rest) = body.split_once('\n').unwrap_or((body, ""));
    let Some(quoted) = line.trim_start().strip_prefix('>').map(str::trim) else {
        return (None, body);
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let followed_by_body = rest.starts_with('\n') && !rest.trim().is_empty();
    if !followed_by_body {
        return (None, body);
    }
    match plain_text(quoted) {
        Some(digest) => (Some(digest), rest),
        None => (None, body),
    }
}

/// The text of a line that Markdown shows as one paragraph of plain text (entities and
/// escapes decoded), or `None` when it holds markup: a tag, a link, emphasis, a block.
fn plain_text(line: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    for event in Parser::new(line) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => text.push_str(&t),
            _ => return None,
        }
    }
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_before_front_matter() {
        let parts = split("\n---\ntitle: a\n---\n\n正文");
        assert_eq!(parts.front_matter, Some("title: a"));
        assert_eq!(parts.body, "正文");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let parts = split("---\ntitle: a\n正文");
        assert!(parts.unclosed_front_matter);
        assert_eq!(parts.front_matter, None);
        assert_eq!(parts.body, "title: a\n正文");
    }

    #[test]
    fn trailer_with_empty_autolink_and_two_link_lines() {
        let parts =
            split("---\n---\n正文。\n\n<>\n\n[返回首页](../)\n[返回东财滚动新闻](./emnews/)");
        assert_eq!(parts.body, "正文。");
        assert_eq!(
            parts.trailer,
            "<>\n\n[返回首页](../)\n[返回东财滚动新闻](./emnews/)"
        );
    }

    #[test]
    fn a_link_line_in_the_text_is_not_a_trailer() {
        let parts = split("---\n---\n[见此](http://a.cn/)");
        assert_eq!(parts.trailer, "");
    }

    #[test]
    fn only_the_finews_shape_is_a_digest() {
        let digest = |body: &str| split(&format!("---\n---\n{body}")).digest;
        assert_eq!(
            digest("> 摘要&amp;要点\n\n正文").as_deref(),
            Some("摘要&要点")
        );
        // A poem, a quote with markup, a nested quote, a quote with nothing after it.
        for body in [
            "> 床前明月光，\n> 疑是地上霜。\n\n正文",
            "> 下滑这里查看更多内容<br/>\n\n正文",
            "> **重要**\n\n正文",
            "> > 深\n\n正文",
            "> 只有引用",
        ] {
            assert_eq!(digest(body), None, "{body:?}");
        }
    }

    #[test]
    fn crlf_and_bom() {
        assert_eq!(normalize("\u{feff}---\r\n---\r\n"), "---\n---\n");
    }
}
