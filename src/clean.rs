//! Stages 4–5: clean the EastMoney markup and sanitize, in one walk over the parsed tree.
//!
//! For each element the walk reads two tables: the sanitizing policy
//! ([`contract::TAGS`]: keep as a tag, unwrap, drop) and EastMoney's rules
//! ([`eastmoney::RULES`]: security, chart, ad, furniture …), and hands what is to be
//! written to the [`Output`], which decides where it may stand. Nothing from the input
//! reaches the output unchecked, and the walk is iterative, so nesting depth cannot
//! exhaust the (small, in wasm) stack.

use std::borrow::Cow;
use std::collections::HashMap;

use ego_tree::iter::Edge;
use html5ever::ns;
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event as MdEvent, HeadingLevel, LinkType, Tag as MdTag,
    TagEnd as MdTagEnd,
};
use scraper::{ElementRef, Html, Node};

use crate::article::{Image, Stock, StockSource, TocEntry};
use crate::contract::{self, Action, Layout, Origin};
use crate::eastmoney::{self, Role, Security, StockList};
use crate::error::{Warning, WarningCode, Warnings};
use crate::kramdown;
use crate::markup::{
    collapse_spaces, holds_block, is_event_handler, is_generic_alt, is_hidden, number, text_of,
    truncate, AttrOf,
};
use crate::options::{InlineQuotes, Options, StockCharts};
use crate::output::{Attrs, Output};
use crate::urls::{self, UrlUse};

/// The cleaned body and what was learned from it on the way.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// Sanitized HTML.
    pub html: String,
    /// Plain text, a string per block.
    pub paragraphs: Vec<String>,
    /// The running prose (no headings, table cells, captions or code), for the excerpt.
    pub prose: String,
    /// Section headings.
    pub toc: Vec<TocEntry>,
    /// Photos.
    pub images: Vec<Image>,
    /// Securities referenced, in order of first mention.
    pub stocks: Vec<Stock>,
    /// The outlet of the source line.
    pub source: Option<String>,
    /// The editor (`（责任编辑：…）`).
    pub editor: Option<String>,
    /// The original title (`原标题：…`).
    pub original_title: Option<String>,
    /// EastMoney's disclaimer and data notes, a line each.
    pub disclaimer: Option<String>,
    /// An older layout's summary (`div.b-review`, `div.abstract`).
    pub summary: Option<String>,
    /// A link to the original article in the body (`[点击查看原文]`).
    pub original_link: Option<String>,
    /// What was recovered from.
    pub warnings: Vec<Warning>,
}

/// Cleans and sanitizes a parsed body.
///
/// # Examples
/// ```
/// let parsed = finews_reader::parse_html(r#"<p style="color:red" onclick="x()">好<script>x()</script></p>"#, 128);
/// let cleaned = finews_reader::clean(&parsed.html, &Default::default());
/// assert_eq!(cleaned.html, "<p>好</p>");
/// ```
pub fn clean(html: &Html, options: &Options) -> Cleaned {
    let mut walk = Walk::new(options, Some(html), html.tree.values().count() * 8);
    let mut frames: Vec<Frame> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(text) => walk.out.text(Cow::Borrowed(text)),
                Node::Comment(comment) => walk.comment(comment),
                Node::Element(_) => {
                    let frame = ElementRef::wrap(node).and_then(|el| walk.open(el));
                    match frame {
                        Some(frame) => frames.push(frame),
                        None => skipping = Some(node.id()),
                    }
                }
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if skipping.is_none() && node.value().is_element() => {
                if let Some(frame) = frames.pop() {
                    walk.close(frame);
                }
            }
            _ => {}
        }
    }
    walk.finish()
}

/// Cleans a body of Markdown alone (no HTML in it) from its events: what [`clean`] makes
/// of pulldown-cmark's HTML for it, without writing that HTML and parsing it again.
///
/// # Examples
/// ```
/// use pulldown_cmark::Parser;
/// let cleaned = finews_reader::clean_markdown(Parser::new("离岸人民币**升值**。"), &Default::default());
/// assert_eq!(cleaned.html, "<p>离岸人民币<strong>升值</strong>。</p>");
/// ```
pub fn clean_markdown<'a>(events: impl Iterator<Item = MdEvent<'a>>, options: &Options) -> Cleaned {
    let mut walk = Walk::new(options, None, 256);
    // Output elements each open Markdown tag opened, closed at its end.
    let mut opened: Vec<usize> = Vec::new();
    let mut table_head = false;
    let mut events = events;
    while let Some(event) = events.next() {
        match event {
            MdEvent::Start(MdTag::Image { dest_url, .. }) => {
                // The alt text is the text inside, as pulldown-cmark's writer reads it.
                let mut alt = String::new();
                let mut depth = 0usize;
                for inner in events.by_ref() {
                    match inner {
                        MdEvent::Start(_) => depth += 1,
                        MdEvent::End(_) if depth == 0 => break,
                        MdEvent::End(_) => depth -= 1,
                        MdEvent::Text(text) | MdEvent::Code(text) => alt.push_str(&text),
                        MdEvent::SoftBreak | MdEvent::HardBreak => alt.push(' '),
                        _ => {}
                    }
                }
                walk.image(&dest_url, &alt, None, None);
            }
            MdEvent::Start(tag) => {
                let count = match tag {
                    MdTag::Paragraph => walk.keep("p", Vec::new(), None),
                    MdTag::Heading { level, .. } => walk.keep(heading_tag(level), Vec::new(), None),
                    MdTag::BlockQuote(_) => walk.keep("blockquote", Vec::new(), None),
                    MdTag::CodeBlock(kind) => {
                        let class = match kind {
                            CodeBlockKind::Fenced(info) => language_class(&info),
                            CodeBlockKind::Indented => None,
                        };
                        let attrs = class.map(|c| vec![("class", Cow::Owned(c))]);
                        walk.keep("pre", Vec::new(), None)
                            + walk.keep("code", attrs.unwrap_or_default(), None)
                    }
                    MdTag::DefinitionList => walk.keep("dl", Vec::new(), None),
                    MdTag::DefinitionListTitle => walk.keep("dt", Vec::new(), None),
                    MdTag::DefinitionListDefinition => walk.keep("dd", Vec::new(), None),
                    MdTag::List(None) => walk.keep("ul", Vec::new(), None),
                    MdTag::List(Some(start)) => {
                        let start = u32::try_from(start)
                            .ok()
                            .and_then(|n| contract::number_for("ol", "start", n))
                            .filter(|&n| n != 1);
                        let attrs = start
                            .map(|n| vec![("start", Cow::Owned(n.to_string()))])
                            .unwrap_or_default();
                        walk.keep("ol", attrs, None)
                    }
                    MdTag::Item => walk.keep("li", Vec::new(), None),
                    MdTag::Table(_) => walk.keep("table", Vec::new(), None),
                    MdTag::TableHead => {
                        table_head = true;
                        walk.keep("thead", Vec::new(), None) + walk.keep("tr", Vec::new(), None)
                    }
                    MdTag::TableRow => walk.keep("tr", Vec::new(), None),
                    MdTag::TableCell if table_head => walk.keep("th", Vec::new(), None),
                    MdTag::TableCell => walk.keep("td", Vec::new(), None),
                    MdTag::Emphasis => walk.keep("em", Vec::new(), None),
                    MdTag::Strong => walk.keep("strong", Vec::new(), None),
                    MdTag::Strikethrough => walk.keep("del", Vec::new(), None),
                    MdTag::Link {
                        link_type,
                        dest_url,
                        title,
                        ..
                    } => {
                        let href = match link_type {
                            LinkType::Email => Cow::Owned(format!("mailto:{dest_url}")),
                            _ => Cow::Borrowed(&*dest_url),
                        };
                        let title = (!title.is_empty()).then(|| Cow::Owned(title.to_string()));
                        walk.link(&href, title)
                    }
                    _ => 0,
                };
                opened.push(count);
            }
            MdEvent::End(end) => {
                for _ in 0..opened.pop().unwrap_or_default() {
                    walk.out.close();
                }
                // pulldown-cmark's writer puts the rows after the head in a `<tbody>`.
                match end {
                    MdTagEnd::TableHead => {
                        table_head = false;
                        let count = walk.keep("tbody", Vec::new(), None);
                        if let Some(table) = opened.last_mut() {
                            *table += count;
                        }
                    }
                    MdTagEnd::Table => {}
                    _ => {}
                }
            }
            MdEvent::Text(text) => walk.out.text(markdown_text(text)),
            MdEvent::Code(code) => {
                let count = walk.keep("code", Vec::new(), None);
                walk.out.text(markdown_text(code));
                for _ in 0..count {
                    walk.out.close();
                }
            }
            MdEvent::SoftBreak => walk.out.text(Cow::Borrowed("\n")),
            MdEvent::HardBreak => walk.out.line_break(),
            MdEvent::Rule => walk.out.rule(),
            // No raw HTML reaches here (the caller checks), nor any event of an extension
            // left off.
            _ => {}
        }
    }
    walk.finish()
}

/// `language-rust` for a fence's info string `rust linenos`, as pulldown-cmark's
/// writer names it, if the policy allows that class.
fn language_class(info: &str) -> Option<String> {
    let class = format!("language-{}", info.split_whitespace().next()?);
    contract::accepts(contract::Value::Prefixed(&["language-"]), &class).then_some(class)
}

/// A Markdown text as the output takes it: borrowed from the body where it can be.
fn markdown_text(text: CowStr<'_>) -> Cow<'_, str> {
    match text {
        CowStr::Borrowed(text) => Cow::Borrowed(text),
        other => Cow::Owned(other.to_string()),
    }
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// What to undo when the walk leaves an element.
#[derive(Debug, Default)]
struct Frame {
    /// Elements of the output it opened (its own tag, a role's link inside it).
    opened: usize,
    /// An unwrapped block: its end ends a paragraph of text.
    boundary: bool,
}

struct Walk<'a> {
    options: &'a Options,
    /// The policy's row of `<a>`, which the walk writes for links of its own.
    a: &'static contract::Tag,
    /// The host of `baseUrl`: links elsewhere are external.
    base_host: Option<&'a str>,
    /// The tree walked, if the body is HTML (a chart's name may come later in it).
    html: Option<&'a Html>,
    out: Output<'a>,
    stocks: StockList,
    /// Every element some rule recognises, by node id: the tree's order of creation, so
    /// sorted. Read once, up front: a chart's chip is labelled with a name that the text
    /// gives the security later.
    recognised: Vec<(ego_tree::NodeId, Role)>,
    /// Names that inline links give securities, for labelling chart chips; read from
    /// `recognised` when the first chart is met.
    names: Option<HashMap<(String, String), String>>,
    warnings: Warnings,
}

impl<'a> Walk<'a> {
    fn new(options: &'a Options, html: Option<&'a Html>, capacity: usize) -> Self {
        Walk {
            options,
            a: contract::tag("a"),
            base_host: urls::host(&options.base_url),
            html,
            out: Output::new(capacity, options),
            stocks: StockList::default(),
            recognised: html.map(recognise_all).unwrap_or_default(),
            names: None,
            warnings: Warnings::default(),
        }
    }

    fn finish(self) -> Cleaned {
        let (written, fields) = self.out.finish();
        let disclaimer = (!fields.disclaimer.is_empty()).then(|| fields.disclaimer.join("\n"));
        Cleaned {
            html: written.html,
            paragraphs: written.paragraphs,
            prose: written.prose,
            toc: written.toc,
            images: written.images,
            stocks: self.stocks.into_vec(),
            source: fields.source,
            editor: fields.editor,
            original_title: fields.original_title,
            disclaimer,
            summary: fields.summary,
            original_link: fields.original_link,
            warnings: self.warnings.into_vec(),
        }
    }

    /// Starts an element; `None` skips it with its content.
    fn open(&mut self, el: ElementRef<'a>) -> Option<Frame> {
        let element = el.value();
        let name = element.name();
        if element.name.ns != ns!(html) {
            self.refused(name);
            return None;
        }
        let row = contract::tag(name);
        match row.action {
            Action::Refuse => {
                self.refused(name);
                return None;
            }
            Action::Drop => return None,
            Action::Keep(_) | Action::Unwrap => {}
        }
        if is_hidden(el) {
            return None;
        }
        if self.out.written_already(el.id()) {
            // A caption written into its figure as text: what it names still counts.
            self.securities_within(el);
            return None;
        }
        if element.attrs().any(|(attr, _)| is_event_handler(attr)) {
            self.warnings.push(
                WarningCode::UnsafeContentRemoved,
                "event-handler attributes were removed",
            );
        }
        let mut role = self.role_of(el);
        if let Some(role) = role.filter(|role| role.removes()) {
            self.take(role, el);
            return None;
        }
        // A photo or line break is itself, whatever it is tagged with.
        if row.layout == Layout::Void {
            role = None;
        }
        let security = match role {
            Some(Role::Security | Role::Chart) => eastmoney::security_of(el),
            _ => None,
        };
        match (role, &security) {
            (Some(Role::Chart), None) => {
                self.warnings.push(
                    WarningCode::UnknownWidget,
                    "a stock-chart block without a security code was removed",
                );
                return None;
            }
            // A security's class without a code: an ordinary element.
            (Some(Role::Security), None) => role = None,
            _ => {}
        }
        // At the top level an inline element that holds a block is unwrapped, link and
        // all: a `<p>` around it could not hold the block.
        let inline = row.layout != Layout::Block;
        let linked = !(inline && self.out.at_top() && holds_block(el));
        // A role's link stands in for an inline element, and goes inside a block one.
        let mut frame = match inline && (role.is_some() || !linked) {
            true => self.unwrap(row.layout),
            false => self.element(el, row)?,
        };
        match (role, security) {
            // Our own chip: its text is its label, written already.
            (Some(Role::Chart), Some(security)) if self.chart(el, &security) => {
                for _ in 0..frame.opened {
                    self.out.close();
                }
                return None;
            }
            (Some(Role::Security), Some(security)) => {
                frame.opened += self.security(el, &security, linked);
            }
            (Some(Role::Keyword), _) if linked => frame.opened += self.keyword(el),
            _ => {}
        }
        Some(frame)
    }

    fn close(&mut self, frame: Frame) {
        for _ in 0..frame.opened {
            self.out.close();
        }
        if frame.boundary {
            self.out.boundary();
        }
    }

    /// A comment is never written; `<!--原文标题-->` marks the original title, and
    /// `<!--toc-->` (kramdown's `{:toc}`) where the table of contents goes.
    fn comment(&mut self, comment: &str) {
        if comment.trim().eq_ignore_ascii_case(kramdown::TOC_MARKER) {
            if self.options.inline_toc {
                self.out.toc_marker();
            }
        } else if eastmoney::recognise_comment(comment).map(|found| found.role)
            == Some(Role::OriginalTitle)
        {
            self.out.title_marker();
        }
    }

    /// The element by the policy: kept as its tag where it may stand, else unwrapped.
    fn element(&mut self, el: ElementRef<'a>, row: &'static contract::Tag) -> Option<Frame> {
        let Action::Keep(tag) = row.action else {
            return Some(self.unwrap(row.layout));
        };
        let element = el.value();
        let attr = |name| element.attr_of(name);
        let opened = match tag {
            "img" => {
                let alt = attr("alt").unwrap_or_default();
                let src = attr("src").unwrap_or_default();
                self.image(src, alt, attr("width"), attr("height"));
                return None;
            }
            "br" => {
                self.out.line_break();
                return None;
            }
            "hr" => {
                self.out.rule();
                return None;
            }
            "a" => match attr("href") {
                Some(href) => self.link(href, attr("title").map(Cow::Borrowed)),
                None => 0,
            },
            _ => self.keep(row.name, copied_attributes(el, tag), Some(el)),
        };
        Some(Frame {
            opened,
            boundary: opened == 0 && row.layout == Layout::Block,
        })
    }

    /// Opens what the policy writes for `tag` where it may stand: 1, else 0 (the content
    /// is kept; a block that may not stand still ends a paragraph of text).
    fn keep(&mut self, tag: &str, attrs: Attrs<'a>, source: Option<ElementRef<'a>>) -> usize {
        let row = contract::tag(tag);
        let Action::Keep(written) = row.action else {
            return 0;
        };
        let written = if written == row.name {
            row
        } else {
            contract::tag(written)
        };
        if self.out.open(written, attrs, source) {
            return 1;
        }
        if row.layout == Layout::Block {
            self.out.boundary();
        }
        0
    }

    /// Content kept, tag dropped; a block still ends a paragraph of text.
    fn unwrap(&mut self, layout: Layout) -> Frame {
        let boundary = layout == Layout::Block;
        if boundary {
            self.out.boundary();
        }
        Frame {
            opened: 0,
            boundary,
        }
    }

    /// What a removed element gives a field (source, editor …), if anything.
    fn take(&mut self, role: Role, el: ElementRef<'a>) {
        let text = || collapse_spaces(&text_of(el));
        let value = match role {
            Role::Source => eastmoney::source_name(&text()),
            Role::Editor => Some(match eastmoney::text_rule(&eastmoney::fold(&text())) {
                Some(rule) => eastmoney::field_value(rule, &text()),
                None => text(),
            }),
            Role::Summary | Role::Disclaimer | Role::OriginalTitle => Some(text()),
            Role::OriginalLink => el
                .value()
                .attr_of("href")
                .and_then(|href| urls::safe_url(href, &self.options.base_url, UrlUse::Link))
                .map(|href| urls::upgrade(&href)),
            _ => None,
        };
        if let Some(value) = value {
            self.out.fields.set(role, value);
        }
    }

    fn refused(&mut self, name: &str) {
        self.warnings.push(
            WarningCode::UnsafeContentRemoved,
            format!("<{name}> was removed"),
        );
    }

    /// `<a>` with a safe href: 1, or 0 when it is unwrapped.
    fn link(&mut self, raw: &str, title: Option<Cow<'a, str>>) -> usize {
        match urls::safe_url(raw, &self.options.base_url, UrlUse::Link) {
            // A link to a K-line image carries its tracking token: its text only.
            Some(href) if eastmoney::is_tracker(&href) => 0,
            Some(href) => {
                let attrs = self.link_attributes(href, None, title);
                usize::from(self.out.open(self.a, attrs, None))
            }
            None => {
                self.warnings.push(
                    WarningCode::UnsafeUrlRemoved,
                    format!("a link to {:?} was removed", truncate(raw)),
                );
                0
            }
        }
    }

    /// `href`, our class, the title; external links get `rel` and `target`.
    fn link_attributes(
        &self,
        href: String,
        class: Option<&'static str>,
        title: Option<Cow<'a, str>>,
    ) -> Attrs<'a> {
        let base = self.base_host;
        let external = urls::host(&href)
            .is_some_and(|host| !base.is_some_and(|base| base.eq_ignore_ascii_case(host)));
        let mut attrs: Attrs = vec![("href", Cow::Owned(href))];
        if let Some(class) = class {
            attrs.push(("class", Cow::Borrowed(class)));
        }
        if let Some(title) = title {
            attrs.push(("title", title));
        }
        if external {
            attrs.push(("rel", Cow::Borrowed("noopener noreferrer")));
            if let Some(target) = &self.options.link_target {
                attrs.push(("target", Cow::Borrowed(target.as_str())));
            }
        }
        attrs
    }

    /// A K-line chart: listed in `stocks`; a chip to its quote page, or nothing. `true`
    /// when it is our own chip, whose content is its label.
    fn chart(&mut self, el: ElementRef<'a>, security: &Security) -> bool {
        let (max, html, recognised) = (self.options.limits.max_stocks, self.html, &self.recognised);
        let names = &mut self.names;
        let name = || {
            let names = names.get_or_insert_with(|| {
                html.map_or_else(HashMap::new, |html| inline_names(html, recognised))
            });
            names.get(&StockList::key(security)).cloned()
        };
        self.stocks
            .add(security, name, StockSource::Chart, max, &mut self.warnings);
        // Our own chip holds its label only, which it keeps (the name in it may come
        // from a link that rendering dropped). EastMoney's holds the tracking image
        // (dropped on the way), and, when the post never closes it, the parser carries
        // it into each following block around their text: that text is kept.
        let own = (el.value().attr_of("class").unwrap_or_default())
            .split_ascii_whitespace()
            .any(|class| class.eq_ignore_ascii_case("stock-chip"));
        if self.options.stock_charts == StockCharts::Chip {
            let own_label = collapse_spaces(&text_of(el));
            let label = match own && !own_label.is_empty() {
                true => own_label,
                false => collapse_spaces(&self.stocks.label(security)),
            };
            let attrs = self.link_attributes(security.quote_url(), Some("stock-chip"), None);
            if self.out.open(self.a, attrs, None) {
                self.out.label(label);
                self.out.close();
            }
        }
        own
    }

    /// A security named inline: listed in `stocks`; a clean link, or its text.
    fn security(&mut self, el: ElementRef<'a>, security: &Security, linked: bool) -> usize {
        self.add_inline(el, security);
        if !linked || self.options.inline_quotes == InlineQuotes::Text {
            return 0;
        }
        let attrs = self.link_attributes(security.quote_url(), Some("stock"), None);
        usize::from(self.out.open(self.a, attrs, None))
    }

    /// Lists a security named inline, with the name its element shows.
    fn add_inline(&mut self, el: ElementRef<'a>, security: &Security) {
        let max = self.options.limits.max_stocks;
        let name = || eastmoney::name_of(el);
        self.stocks
            .add(security, name, StockSource::Inline, max, &mut self.warnings);
    }

    /// A keyword: a plain link to where it points, or its text.
    fn keyword(&mut self, el: ElementRef<'a>) -> usize {
        let element = el.value();
        match (self.options.inline_quotes, element.attr_of("href")) {
            (InlineQuotes::Link, Some(href)) => {
                self.link(href, element.attr_of("title").map(Cow::Borrowed))
            }
            _ => 0,
        }
    }

    /// The role of an element, as recognised up front.
    fn role_of(&self, el: ElementRef<'_>) -> Option<Role> {
        let found = self
            .recognised
            .binary_search_by_key(&el.id(), |&(id, _)| id);
        found.ok().map(|i| self.recognised[i].1)
    }

    /// Lists the securities named inside an element that is not written as such.
    fn securities_within(&mut self, el: ElementRef<'a>) {
        for node in el.descendants() {
            let Some(inner) = ElementRef::wrap(node) else {
                continue;
            };
            if self.role_of(inner) != Some(Role::Security) {
                continue;
            }
            if let Some(security) = eastmoney::security_of(inner) {
                self.add_inline(inner, &security);
            }
        }
    }

    /// `<img>` with a safe src and its size; trackers dropped.
    fn image(&mut self, raw: &str, alt: &str, width: Option<&str>, height: Option<&str>) {
        if raw.is_empty() || eastmoney::is_tracking_image(raw, width, height) {
            return;
        }
        let Some(src) = urls::safe_url(raw, &self.options.base_url, UrlUse::Image) else {
            self.warnings.push(
                WarningCode::UnsafeUrlRemoved,
                format!("an image from {:?} was removed", truncate(raw)),
            );
            return;
        };
        // The base URL may make a tracker of a relative one.
        if eastmoney::is_tracker(&src) {
            return;
        }
        let (width, height) = match eastmoney::size_from_file_name(&src) {
            Some((w, h)) => (Some(w), Some(h)),
            None => (number(width), number(height)),
        };
        // Whichever gave them, the sizes written are the policy's.
        let fit = |name, n: Option<u32>| n.and_then(|n| contract::number_for("img", name, n));
        let (width, height) = (fit("width", width), fit("height", height));
        // Collapsed, control characters dropped: as it reads back (idempotence).
        let alt = collapse_spaces(alt);
        let alt = if is_generic_alt(&alt) {
            String::new()
        } else {
            alt
        };
        self.out.image(Image {
            src,
            alt,
            width,
            height,
            caption: None,
        });
    }
}

/// The attributes the policy copies from the input to `tag`, values checked.
fn copied_attributes<'a>(el: ElementRef<'a>, tag: &str) -> Attrs<'a> {
    let element = el.value();
    contract::attributes(tag)
        .iter()
        .filter(|a| a.origin == Origin::Input)
        .filter_map(|a| {
            let value = element.attr_of(a.name)?.trim();
            contract::accepts(a.value, value).then_some((a.name, Cow::Borrowed(value)))
        })
        .collect()
}

/// The rule of every element some rule recognises, in the order of the tree's node ids.
fn recognise_all(html: &Html) -> Vec<(ego_tree::NodeId, Role)> {
    html.tree
        .nodes()
        .filter_map(|node| {
            let found = eastmoney::recognise(ElementRef::wrap(node)?)?;
            Some((node.id(), found.role))
        })
        .collect()
}

/// The names the inline security links of a post give, by security.
fn inline_names(
    html: &Html,
    recognised: &[(ego_tree::NodeId, Role)],
) -> HashMap<(String, String), String> {
    let mut names = HashMap::new();
    for &(id, role) in recognised {
        let Some(el) = html.tree.get(id).and_then(ElementRef::wrap) else {
            continue;
        };
        if role != Role::Security {
            continue;
        }
        if let (Some(security), Some(name)) = (eastmoney::security_of(el), eastmoney::name_of(el)) {
            names.entry(StockList::key(&security)).or_insert(name);
        }
    }
    names
}
