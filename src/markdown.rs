//! Stage 3: the Markdown parts of a post, with pulldown-cmark.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, CowStr, Event, LinkType, Options as MdOptions, Parser, Tag, TagEnd};

use crate::article::Link;
use crate::typography::is_cjk_or_fullwidth;
use crate::urls::{self, UrlUse};

/// kramdown's features that pulldown-cmark has an option for: GFM tables, `~~`,
/// footnotes, definition lists and heading attributes (`## A {#a}`, never shown).
fn md_options() -> MdOptions {
    MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_DEFINITION_LIST
        | MdOptions::ENABLE_HEADING_ATTRIBUTES
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
    render_markdown_with(body, max_nesting, &[])
}

/// [`render_markdown`] with kramdown's abbreviations applied.
pub(crate) fn render_markdown_with(
    body: &str,
    max_nesting: usize,
    abbreviations: &[(String, String)],
) -> (String, bool) {
    let (body, limited) = cap_nesting(body, max_nesting.max(1));
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    html::push_html(&mut out, events_with(&body, abbreviations));
    (out, limited)
}

/// Whether a Markdown body's events may include HTML of ours (footnotes,
/// abbreviations): then it takes the HTML path, not [`crate::clean_markdown`].
pub(crate) fn writes_html(body: &str) -> bool {
    body.contains("[^") || body.contains("*[")
}

/// A body's Markdown events as the renderer reads them (tables, strikethrough,
/// CJK-friendly emphasis). Container markers are not capped here: [`render_markdown`]
/// caps them first.
///
/// NOTE: one iterator type whatever the body: pulldown-cmark's HTML writer is large, and
/// each type it is given is another copy of it in the module.
///
/// # Examples
/// ```
/// let events: Vec<_> = finews_reader::markdown_events("**重要。**但是").collect();
/// assert_eq!(events.len(), 6);
/// ```
pub fn markdown_events(body: &str) -> Box<dyn Iterator<Item = Event<'_>> + '_> {
    events_with(body, &[])
}

/// The events, with CJK-friendly emphasis, abbreviations and footnotes where the body
/// has them (each a pass over the collected events; none for a body without).
fn events_with<'a>(
    body: &'a str,
    abbreviations: &'a [(String, String)],
) -> Box<dyn Iterator<Item = Event<'a>> + 'a> {
    let parser = Parser::new_ext(body, md_options());
    let (emphasis, notes) = (body.contains(['*', '_']), body.contains("[^"));
    if !emphasis && !notes && abbreviations.is_empty() {
        return Box::new(parser);
    }
    let mut events: Vec<Event<'a>> = parser.collect();
    if emphasis {
        events = cjk_emphasis(events);
    }
    if !abbreviations.is_empty() {
        events = abbreviate(events, abbreviations);
    }
    if notes {
        events = footnotes(events);
    }
    Box::new(events.into_iter())
}

/// kramdown's abbreviations: each whole-word use in the text is `<abbr title>`.
fn abbreviate<'a>(events: Vec<Event<'a>>, abbreviations: &[(String, String)]) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => {
                let mut spans = abbreviation_spans(&text, abbreviations);
                if spans.is_empty() {
                    out.push(Event::Text(text));
                    continue;
                }
                spans.sort_unstable();
                let mut at = 0;
                for (start, end, title) in spans {
                    if start < at {
                        continue;
                    }
                    out.push(Event::Text(text[at..start].to_owned().into()));
                    let mut open = String::from("<abbr title=\"");
                    crate::writer::escape_into(&mut open, title, true);
                    open.push_str("\">");
                    out.push(Event::InlineHtml(open.into()));
                    out.push(Event::Text(text[start..end].to_owned().into()));
                    out.push(Event::InlineHtml("</abbr>".into()));
                    at = end;
                }
                out.push(Event::Text(text[at..].to_owned().into()));
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Where abbreviations stand as whole words in `text`: (start, end, title), the longer
/// one first where two start together.
fn abbreviation_spans<'t>(
    text: &str,
    abbreviations: &'t [(String, String)],
) -> Vec<(usize, usize, &'t str)> {
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !crate::typography::is_cjk(c));
    let mut spans = Vec::new();
    for (name, title) in abbreviations {
        for (start, _) in text.match_indices(name.as_str()) {
            let end = start + name.len();
            if !word(text[..start].chars().next_back()) && !word(text[end..].chars().next()) {
                spans.push((start, usize::MAX - end, title.as_str()));
            }
        }
    }
    spans
        .into_iter()
        .map(|(start, end, title)| (start, usize::MAX - end, title))
        .collect()
}

/// Footnotes as kramdown writes them: each reference a numbered `<sup>` link, the notes
/// an ordered list at the end, each with a link back to where it was referenced.
fn footnotes(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut body = Vec::with_capacity(events.len());
    let mut notes: Vec<(CowStr<'_>, Vec<Event<'_>>)> = Vec::new();
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) if depth == 0 => {
                depth = 1;
                notes.push((label, Vec::new()));
            }
            Event::Start(_) if depth > 0 => {
                depth += 1;
                push_note(&mut notes, event);
            }
            Event::End(_) if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    push_note(&mut notes, event);
                }
            }
            _ if depth > 0 => push_note(&mut notes, event),
            _ => body.push(event),
        }
    }
    // Numbered in the order they are first referenced; a note never referenced follows.
    let defined: HashSet<CowStr<'_>> = notes.iter().map(|(label, _)| label.clone()).collect();
    let mut number: HashMap<CowStr<'_>, usize> = HashMap::new();
    let mut out = Vec::with_capacity(body.len() + notes.len() * 8);
    for event in body {
        let Event::FootnoteReference(label) = event else {
            out.push(event);
            continue;
        };
        if !defined.contains(&label) {
            out.push(Event::Text(format!("[^{label}]").into()));
            continue;
        }
        let next = number.len() + 1;
        let n = *number.entry(label).or_insert(next);
        // Only the first reference carries the id the note links back to.
        let id = match n == next {
            true => format!(" id=\"fnref:{n}\""),
            false => String::new(),
        };
        out.push(Event::InlineHtml(
            format!("<sup{id}><a href=\"#fn:{n}\">{n}</a></sup>").into(),
        ));
    }
    notes.sort_by_key(|(label, _)| number.get(label).copied().unwrap_or(usize::MAX));
    if notes.is_empty() {
        return out;
    }
    out.push(Event::Rule);
    out.push(Event::Html("<ol>".into()));
    for (i, (label, mut note)) in notes.into_iter().enumerate() {
        let n = i + 1;
        out.push(Event::Html(format!("<li id=\"fn:{n}\">").into()));
        if number.contains_key(&label) {
            let back =
                Event::InlineHtml(format!(" <a href=\"#fnref:{n}\">\u{21a9}\u{fe0e}</a>").into());
            match note.last() {
                Some(Event::End(TagEnd::Paragraph)) => note.insert(note.len() - 1, back),
                _ => note.push(back),
            }
        }
        out.extend(note);
        out.push(Event::Html("</li>".into()));
    }
    out.push(Event::Html("</ol>".into()));
    out
}

fn push_note<'a>(notes: &mut [(CowStr<'a>, Vec<Event<'a>>)], event: Event<'a>) {
    if let Some((_, note)) = notes.last_mut() {
        note.push(event);
    }
}

/// CJK-friendly emphasis: `**重要。**但是` is bold. CommonMark's flanking rules leave
/// those `*` runs as text when full-width punctuation sits inside them next to a CJK
/// character (comrak's `cjk_friendly_emphasis` fixes the same). pulldown-cmark hands
/// such leftovers over as `*` text events; this pairs them, within one run of text, when
/// a CJK character or full-width punctuation is what blocked them.
fn cjk_emphasis(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut texts: Vec<CowStr<'_>> = Vec::new();
    for event in events {
        match event {
            Event::Text(text) => texts.push(text),
            other => {
                pair_delimiters(std::mem::take(&mut texts), &mut out);
                out.push(other);
            }
        }
    }
    pair_delimiters(texts, &mut out);
    out
}

/// A run of text events: plain text, or a run of one or two `*`/`_` delimiters.
enum Piece<'a> {
    Text(CowStr<'a>),
    Run(char, usize),
}

fn pair_delimiters<'a>(texts: Vec<CowStr<'a>>, out: &mut Vec<Event<'a>>) {
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    for text in texts {
        let delimiter = matches!(&*text, "*" | "_")
            .then(|| text.chars().next())
            .flatten();
        match (delimiter, pieces.last_mut()) {
            (Some(c), Some(Piece::Run(run, n))) if *run == c => *n += 1,
            (Some(c), _) => pieces.push(Piece::Run(c, 1)),
            (None, _) => pieces.push(Piece::Text(text)),
        }
    }
    let neighbour = |pieces: &[Piece<'_>], i: usize, before: bool| -> Option<char> {
        let piece = if before {
            i.checked_sub(1).and_then(|j| pieces.get(j))
        } else {
            pieces.get(i + 1)
        };
        match piece {
            Some(Piece::Text(t)) if before => t.chars().next_back(),
            Some(Piece::Text(t)) => t.chars().next(),
            _ => None,
        }
    };
    // Openers waiting for a closer: (index of the piece, delimiter, length).
    let mut open: Vec<(usize, char, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in 0..pieces.len() {
        let Piece::Run(c, n) = pieces[i] else {
            continue;
        };
        let (before, after) = (neighbour(&pieces, i, true), neighbour(&pieces, i, false));
        let can_close = before.is_some_and(|b| !b.is_whitespace());
        let can_open = after.is_some_and(|a| !a.is_whitespace());
        if can_close && n <= 2 {
            if let Some(k) = open.iter().rposition(|&(_, oc, on)| oc == c && on == n) {
                let (start, _, _) = open[k];
                let outer = [neighbour(&pieces, start, true), after];
                let inner = [neighbour(&pieces, start, false), before];
                if outer
                    .into_iter()
                    .chain(inner)
                    .flatten()
                    .any(is_cjk_or_fullwidth)
                {
                    open.truncate(k);
                    pairs.push((start, i));
                    continue;
                }
            }
        }
        if can_open {
            open.push((i, c, n));
        }
    }
    let role = |i: usize| {
        pairs
            .iter()
            .find_map(|&(s, e)| (s == i).then_some(true).or((e == i).then_some(false)))
    };
    for (i, piece) in pieces.into_iter().enumerate() {
        match (piece, role(i)) {
            (Piece::Text(text), _) => out.push(Event::Text(text)),
            (Piece::Run(_, n), Some(opening)) => {
                let tag = if n == 2 { Tag::Strong } else { Tag::Emphasis };
                let end = if n == 2 {
                    TagEnd::Strong
                } else {
                    TagEnd::Emphasis
                };
                out.push(if opening {
                    Event::Start(tag)
                } else {
                    Event::End(end)
                });
            }
            (Piece::Run(c, n), None) => out.push(Event::Text(c.to_string().repeat(n).into())),
        }
    }
}

/// Drops container markers beyond `max` at the start of each line.
pub(crate) fn cap_nesting(body: &str, max: usize) -> (Cow<'_, str>, bool) {
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

/// Reads the trailer's links, as pulldown-cmark reads them.
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
    let Some(links) = plain_links(trailer) else {
        return trailer_by_events(trailer, base_url);
    };
    let mut result = Trailer::default();
    for (autolink, text, dest) in links {
        add_link(&mut result, autolink, text, dest, base_url);
    }
    // Debug and fuzz builds check every plain reading against pulldown-cmark's.
    if cfg!(any(debug_assertions, fuzzing)) {
        assert_eq!(result, trailer_by_events(trailer, base_url), "{trailer:?}");
    }
    result
}

/// The trailer nearly every post has — `<http…>` and `[text](dest)` links separated by
/// `｜`, with nothing Markdown would read otherwise in them — as (autolink, text, dest),
/// without a pulldown-cmark parser: a quarter of a flash post's render was building one.
fn plain_links(trailer: &str) -> Option<Vec<(bool, &str, &str)>> {
    // No character of Markdown's inline syntax but the link's own brackets.
    let plain = |text: &str, extra: &[char]| {
        !text.contains(['\\', '`', '*', '_', '&', '<', '>', '[', ']', '!', '~'])
            && !text.contains(extra)
    };
    let mut links = Vec::new();
    for line in trailer
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if let Some(url) = line.strip_prefix('<').and_then(|l| l.strip_suffix('>')) {
            let web = ["http://", "https://"].iter().any(|scheme| {
                url.get(..scheme.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            });
            if !url.is_empty()
                && (!web || !url.bytes().all(|b| b.is_ascii_graphic()) || !plain(url, &['"', '\'']))
            {
                return None;
            }
            if !url.is_empty() {
                links.push((true, "", url));
            }
            continue;
        }
        for part in line.split(['｜', '|']) {
            let inner = part.trim().strip_prefix('[')?.strip_suffix(')')?;
            let (text, dest) = inner.split_once("](")?;
            let dest_ok = !dest.is_empty()
                && dest.bytes().all(|b| b.is_ascii_graphic())
                && plain(dest, &['(', ')', '"', '\'']);
            if text.trim().is_empty() || !plain(text, &['(', ')']) || !dest_ok {
                return None;
            }
            links.push((false, text, dest));
        }
    }
    Some(links)
}

fn add_link(result: &mut Trailer, autolink: bool, text: &str, dest: &str, base_url: &str) {
    let Some(href) = urls::safe_url(dest, base_url, UrlUse::Link) else {
        return;
    };
    if autolink && result.original_url.is_none() {
        result.original_url = Some(urls::upgrade(&href));
    } else if !autolink {
        result.links.push(Link {
            text: text.trim().to_owned(),
            href,
        });
    }
}

/// Reads the trailer's links from pulldown-cmark's events.
fn trailer_by_events(trailer: &str, base_url: &str) -> Trailer {
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
                if let Some((link_type, dest, text)) = open.take() {
                    let autolink = link_type == LinkType::Autolink;
                    add_link(&mut result, autolink, &text, &dest, base_url);
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
    fn cjk_friendly_emphasis() {
        let cases = [
            ("**重要。**但是", "<p><strong>重要。</strong>但是</p>"),
            ("这是**“重要”**的", "<p>这是<strong>“重要”</strong>的</p>"),
            ("中文*强调，*后面", "<p>中文<em>强调，</em>后面</p>"),
            ("**（注）**正文", "<p><strong>（注）</strong>正文</p>"),
            ("**重要**但是", "<p><strong>重要</strong>但是</p>"),
            ("a * b * c", "<p>a * b * c</p>"),
            ("**bold.**next", "<p>**bold.**next</p>"),
            ("价格*上涨* 与 **下跌", "<p>价格<em>上涨</em> 与 **下跌</p>"),
        ];
        for (markdown, html) in cases {
            assert_eq!(
                render_markdown(markdown, 8).0.trim_end(),
                html,
                "{markdown}"
            );
        }
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
