//! Stages 4–5: clean the EastMoney markup and sanitize, in one walk over the parsed tree.
//!
//! The walk is an allowlist: every element is either written out as one of a fixed set
//! of tags with a fixed set of checked attributes, unwrapped (its content kept), or
//! dropped with its content. Nothing from the input reaches the output unchecked, and
//! the walk is iterative, so nesting depth cannot exhaust the (small, in wasm) stack.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use html5ever::ns;
use scraper::{CaseSensitivity, ElementRef, Html, Node};

use crate::article::{Image, Stock, StockSource, TocEntry};
use crate::contract::ALLOWED_TAGS;
use crate::eastmoney::{self, SecurityId, StockList};
use crate::error::{Warning, WarningCode, Warnings};
use crate::markup::{
    caption_after, collapse_spaces, is_event_handler, is_heading_text, is_hidden, lone_image,
    number, quote_names, role, security_of, text_of, truncate, AttrOf, Role,
};
use crate::options::{InlineQuotes, Options, StockCharts};
use crate::typography::{cjk_spacing, slug};
use crate::urls::{self, UrlUse};
use crate::writer::{Checkpoint, Writer};

/// The cleaned body and what was learned from it on the way.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// Sanitized HTML.
    pub html: String,
    /// Plain text, a string per block.
    pub paragraphs: Vec<String>,
    /// Section headings.
    pub toc: Vec<TocEntry>,
    /// Photos.
    pub images: Vec<Image>,
    /// Securities referenced, in order of first mention.
    pub stocks: Vec<Stock>,
    /// The outlet of the `em_media` source line.
    pub source: Option<String>,
    /// What was recovered from.
    pub warnings: Vec<Warning>,
}

/// Elements dropped with their content because they could run code or load content.
#[rustfmt::skip]
const UNSAFE: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "option", "base", "meta", "link", "portal", "audio",
    "video", "source", "track", "canvas", "dialog", "noembed", "noframes", "xmp", "plaintext",
];

/// Elements dropped with their content that are merely not article text.
const QUIET_DROP: &[&str] = &[
    "style", "head", "title", "template", "noscript", "map", "area", "param",
];

/// Block elements: they end a paragraph of `text`.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption",
    "tr", "th", "td", "figure", "figcaption", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "aside", "nav", "main", "center", "address",
];

/// Elements removed when nothing visible is left in them.
#[rustfmt::skip]
const DROP_WHEN_EMPTY: &[&str] = &[
    "p", "div", "blockquote", "strong", "em", "u", "s", "del", "ins", "sub", "sup", "small",
    "mark", "q", "cite", "a", "li", "ul", "ol", "figure", "figcaption", "dl", "dt", "dd",
];

/// Cleans and sanitizes a parsed body.
///
/// # Examples
/// ```
/// let parsed = finews_reader::parse_html(r#"<p style="color:red" onclick="x()">好<script>x()</script></p>"#, 128);
/// let cleaned = finews_reader::clean(&parsed.html, &Default::default());
/// assert_eq!(cleaned.html, "<p>好</p>");
/// ```
pub fn clean(html: &Html, options: &Options) -> Cleaned {
    let mut walk = Walk {
        options,
        out: Writer::new(html.tree.values().count() * 8, options.cjk_spacing),
        stocks: StockList::default(),
        names: quote_names(html),
        toc: Vec::new(),
        ids: HashSet::new(),
        next_suffix: HashMap::new(),
        images: Vec::new(),
        source: None,
        captions: HashSet::new(),
        paragraph: None,
        open_tags: 0,
        p_open: 0,
        lists: Vec::new(),
        links_open: 0,
        warnings: Warnings::default(),
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(text) => {
                    if walk.open_tags == 0 && !text.trim().is_empty() {
                        walk.open_paragraph();
                    }
                    walk.out.text(text)
                }
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let top_level = walk.open_tags == 0;
                    if top_level && writes_block(el) {
                        walk.close_paragraph();
                    } else if top_level {
                        walk.open_paragraph();
                    }
                    let unwrap = top_level && writes_inline(el) && holds_block(el);
                    match walk.open(el, unwrap) {
                        Some(frame) => {
                            walk.open_tags += usize::from(frame.tag.is_some());
                            walk.p_open += usize::from(frame.tag == Some("p"));
                            frames.push(frame)
                        }
                        None => skipping = Some(node.id()),
                    }
                }
                _ => {}
            },
            Edge::Open(_) => {}
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if skipping.is_none() && node.value().is_element() => {
                if let Some(frame) = frames.pop() {
                    walk.open_tags -= usize::from(frame.tag.is_some());
                    walk.p_open -= usize::from(frame.tag == Some("p"));
                    walk.close(frame);
                }
            }
            Edge::Close(_) => {}
        }
    }
    walk.close_paragraph();
    walk.out.block_boundary();
    let Walk {
        out,
        stocks,
        toc,
        images,
        source,
        warnings,
        ..
    } = walk;
    Cleaned {
        html: out.html,
        paragraphs: out.paragraphs,
        toc,
        images,
        stocks: stocks.into_vec(),
        source,
        warnings: warnings.into_vec(),
    }
}

/// How to finish an element when the walk leaves it.
#[derive(Debug)]
struct Frame {
    /// The tag written for it, if any (`None`: unwrapped).
    tag: Option<&'static str>,
    block: bool,
    /// Set when the element is dropped again if nothing visible ends up in it.
    checkpoint: Option<Checkpoint>,
}

struct Walk<'a> {
    options: &'a Options,
    out: Writer,
    stocks: StockList,
    /// Names given by inline quote links, so a chart chip can be labelled with them.
    names: HashMap<(String, String), String>,
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    /// The last suffix given to each heading id.
    next_suffix: HashMap<String, usize>,
    images: Vec<Image>,
    source: Option<String>,
    /// Caption paragraphs already written into a `<figure>`.
    captions: HashSet<ego_tree::NodeId>,
    /// A `<p>` opened around inline content at the top level, since this checkpoint.
    paragraph: Option<Checkpoint>,
    /// Open elements that wrote a tag: none means content here is at the top level.
    open_tags: usize,
    /// `<p>` elements written and not yet closed.
    ///
    /// NOTE: an element that is no scope boundary for us (`<marquee>`, unwrapped) is one
    /// for the parser: `<p><marquee><div>` puts a block in a paragraph. Written out, the
    /// `<div>` would close the `<p>` when read again: inside a `<p>`, blocks are unwrapped.
    p_open: usize,
    /// Open list elements written (`ul`, `li`, `dl`, `dd` …), innermost last.
    lists: Vec<&'static str>,
    /// `<a>` elements written and not yet closed.
    links_open: usize,
    warnings: Warnings,
}

impl Walk<'_> {
    /// Writes the start of an element; `None` drops it with its content. `unwrap`: keep
    /// the content only (an inline element holding a block, at the top level).
    fn open(&mut self, el: ElementRef<'_>, unwrap: bool) -> Option<Frame> {
        let element = el.value();
        let name = element.name();
        if element.name.ns != ns!(html) {
            self.unsafe_removed(name);
            return None;
        }
        if UNSAFE.contains(&name) {
            self.unsafe_removed(name);
            return None;
        }
        if QUIET_DROP.contains(&name) || is_hidden(el) || self.captions.contains(&el.id()) {
            return None;
        }
        if element.attrs().any(|(attr, _)| is_event_handler(attr)) {
            self.warnings.push(
                WarningCode::UnsafeContentRemoved,
                "event-handler attributes were removed",
            );
        }
        if unwrap {
            return Some(self.unwrap(name));
        }
        match role(el) {
            Some(Role::Source) => {
                self.source = eastmoney::source_name(&text_of(el));
                return None;
            }
            Some(Role::Chart) => return self.chart(el),
            Some(Role::Quote) => {
                if let Some(frame) = self.quote(el) {
                    return Some(frame);
                }
            }
            Some(Role::Keyword) if self.options.inline_quotes == InlineQuotes::Text => {
                return Some(self.unwrap(name));
            }
            _ => {}
        }
        match name {
            "img" => {
                self.image(el, None);
                None
            }
            "br" => {
                self.out.line_break();
                None
            }
            "a" => Some(self.link(el)),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.heading(el, level.max(2));
                None
            }
            // Not in a `<pre>`: there white space is text, and a line break beside
            // the photo (`&#10;`), read again, would keep it from being alone.
            "p" | "div" | "center" if !self.out.in_pre() && lone_image(el).is_some() => {
                self.figure(el);
                None
            }
            "b" => Some(self.keep(el, "strong")),
            "i" => Some(self.keep(el, "em")),
            "center" => Some(self.keep(el, "div")),
            // The generic case: the contract's allowlist (a, img, br and headings were handled above).
            _ => match ALLOWED_TAGS.iter().find(|&&kept| kept == name) {
                Some(kept) => Some(self.keep(el, kept)),
                None => Some(self.unwrap(name)),
            },
        }
    }

    /// Inline content at the top level is a paragraph of its own.
    ///
    /// NOTE: beyond semantics, idempotence needs it: html that starts with inline content
    /// is a Markdown paragraph, not an HTML block, when it is a post body again.
    fn open_paragraph(&mut self) {
        if self.paragraph.is_none() {
            self.out.block_boundary();
            self.paragraph = Some(self.out.checkpoint());
            self.out.open("p", &[]);
        }
    }

    /// Whether `tag` is an `<li>` (`<dt>`, `<dd>`) that would sit in another one with no
    /// list of its own between them: a parser closes the outer one there (the input's
    /// `<li><marquee><li>` does nest), so it is unwrapped.
    fn nested_item(&self, tag: &str) -> bool {
        let (items, lists): (&[&str], &[&str]) = match tag {
            "li" => (&["li"], &["ul", "ol"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl"]),
            _ => return false,
        };
        self.lists
            .iter()
            .rev()
            .find(|t| items.contains(t) || lists.contains(t))
            .is_some_and(|t| items.contains(t))
    }

    /// Whether a `<p>` is open around what is written here (blocks are unwrapped then).
    fn in_paragraph(&self) -> bool {
        self.p_open > 0 || (self.paragraph.is_some() && self.open_tags > 0)
    }

    /// A block is written here: at the top level, it ends the paragraph of inline content.
    fn block_start(&mut self) {
        if self.open_tags == 0 {
            self.close_paragraph();
        }
        self.out.block_boundary();
    }

    fn close_paragraph(&mut self) {
        if let Some(checkpoint) = self.paragraph.take() {
            self.out.trim_block_end();
            if self.out.is_empty_since(checkpoint) {
                self.out.rollback(checkpoint);
            } else {
                self.close_block(checkpoint, "p");
            }
            self.out.block_boundary();
        }
    }

    /// Closes a `<p>` or `<div>`; one that came to hold a lone photo is a `<figure>`.
    ///
    /// NOTE: `figure` decides from the input, where an empty `<span>` or a dropped
    /// `<script>` beside the `<img>` hides that it is alone; rendering our html again
    /// would then make a figure of it (idempotence).
    fn close_block(&mut self, checkpoint: Checkpoint, tag: &str) {
        if matches!(tag, "p" | "div") && self.out.holds_only_image(checkpoint, tag) {
            self.out.retag(checkpoint, tag, "figure");
            self.out.close("figure");
        } else if tag == "p" && self.options.headings && self.out.holds_only_strong(checkpoint) {
            // `<p><strong>小标题</strong></p>`: a short, bold-only paragraph is a section
            // heading. Decided on the written html, where the empty spans and dropped
            // elements of the input no longer hide it (idempotence).
            let text = collapse_spaces(self.out.block_text());
            if is_heading_text(&text) {
                self.out.rollback(checkpoint);
                self.out.forget_block_text();
                self.write_heading(text, 2);
            } else {
                self.out.close(tag);
            }
        } else {
            self.out.close(tag);
        }
    }

    fn close(&mut self, frame: Frame) {
        if frame.tag == Some("a") {
            self.links_open -= 1;
        }
        if frame.tag.is_some_and(|tag| LIST_TAGS.contains(&tag)) {
            self.lists.pop();
        }
        if frame.block {
            self.close_paragraph();
        }
        if let Some(tag) = frame.tag {
            if frame.block {
                self.out.trim_block_end();
            }
            match frame.checkpoint {
                Some(checkpoint) if self.out.is_empty_since(checkpoint) => {
                    self.out.rollback(checkpoint)
                }
                Some(checkpoint) => self.close_block(checkpoint, tag),
                None => self.out.close(tag),
            }
        }
        if frame.block {
            self.out.block_boundary();
        }
    }

    fn unsafe_removed(&mut self, name: &str) {
        self.warnings.push(
            WarningCode::UnsafeContentRemoved,
            format!("<{name}> was removed"),
        );
    }

    /// Content kept, tag dropped (`span`, `font`, unknown elements).
    fn unwrap(&mut self, name: &str) -> Frame {
        let block = BLOCKS.contains(&name);
        if block {
            self.block_start();
        }
        Frame {
            tag: None,
            block,
            checkpoint: None,
        }
    }

    /// An allowlisted element, with its allowlisted attributes.
    fn keep(&mut self, el: ElementRef<'_>, tag: &'static str) -> Frame {
        let block = BLOCKS.contains(&tag);
        if block && self.in_paragraph() {
            return Frame {
                tag: None,
                block: false,
                checkpoint: None,
            };
        }
        if block {
            self.block_start();
        }
        if self.nested_item(tag) {
            return Frame {
                tag: None,
                block,
                checkpoint: None,
            };
        }
        let checkpoint = DROP_WHEN_EMPTY
            .contains(&tag)
            .then(|| self.out.checkpoint());
        let attrs = kept_attributes(el, tag);
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if tag == "hr" {
            self.out.void("hr", &[]);
            return Frame {
                tag: None,
                block,
                checkpoint: None,
            };
        }
        self.out.open(tag, &attrs);
        if LIST_TAGS.contains(&tag) {
            self.lists.push(tag);
        }
        Frame {
            tag: Some(tag),
            block,
            checkpoint,
        }
    }

    /// `<a>` with a safe href; external links get `rel` and `target`.
    fn link(&mut self, el: ElementRef<'_>) -> Frame {
        let Some(raw) = el.value().attr_of("href") else {
            return self.unwrap("a");
        };
        match urls::safe_url(raw, &self.options.base_url, UrlUse::Link) {
            // A link to a K-line image carries its tracking token: its text only.
            Some(href) if eastmoney::is_tracking_image(&href, None, None) => self.unwrap("a"),
            Some(href) => self.write_link(&href, el.value().attr_of("title"), None),
            None => {
                self.warnings.push(
                    WarningCode::UnsafeUrlRemoved,
                    format!("a link to {:?} was removed", truncate(raw)),
                );
                self.unwrap("a")
            }
        }
    }

    fn write_link(&mut self, href: &str, title: Option<&str>, class: Option<&str>) -> Frame {
        // NOTE: no `<a>` inside an `<a>` (a quote span in a link, in another quote span):
        // a parser reading our html would close the outer one there.
        if self.links_open > 0 {
            return self.unwrap("a");
        }
        self.links_open += 1;
        let mut attrs: Vec<(&str, &str)> = vec![("href", href)];
        if let Some(class) = class {
            attrs.push(("class", class));
        }
        if let Some(title) = title {
            attrs.push(("title", title));
        }
        let external =
            urls::host(href).is_some_and(|host| Some(host) != urls::host(&self.options.base_url));
        if external {
            attrs.push(("rel", "noopener noreferrer"));
            if let Some(target) = &self.options.link_target {
                attrs.push(("target", target));
            }
        }
        let checkpoint = self.out.checkpoint();
        self.out.open("a", &attrs);
        Frame {
            tag: Some("a"),
            block: false,
            checkpoint: Some(checkpoint),
        }
    }

    /// A K-line chart: listed in `stocks`; a chip to its quote page, or nothing.
    fn chart(&mut self, el: ElementRef<'_>) -> Option<Frame> {
        let id = el
            .value()
            .attr_of("data-code")
            .and_then(eastmoney::parse_data_code)
            .or_else(|| {
                el.value()
                    .attr_of("href")
                    .and_then(eastmoney::parse_quote_url)
            });
        let Some(id) = id else {
            self.warnings.push(
                WarningCode::UnknownWidget,
                "a stock-chart block without a security code was removed",
            );
            return None;
        };
        let name = self
            .names
            .get(&(id.market_id.clone(), id.code.clone()))
            .cloned();
        self.add_stock(&id, name, StockSource::Chart);
        // Our own chip holds its label only, which it keeps (the name in it may come
        // from a quote link that rendering dropped). EastMoney's holds the tracking image
        // (dropped on the way), and, when the post never closes it, the parser carries
        // it into each following block around their text: keep that text.
        let own_chip = el
            .value()
            .has_class("stock-chip", CaseSensitivity::AsciiCaseInsensitive);
        if self.options.stock_charts == StockCharts::Chip && self.links_open == 0 {
            let own_label = collapse_spaces(&text_of(el));
            let label = match own_chip && !own_label.is_empty() {
                true => own_label,
                false => collapse_spaces(&self.stocks.label(&id)),
            };
            let frame = self.write_link(
                &eastmoney::quote_url(&id.market_id, &id.code),
                None,
                Some("stock-chip"),
            );
            self.out.label(&label);
            self.close(frame);
        }
        (!own_chip).then(|| self.unwrap("a"))
    }

    /// An inline quote link: listed in `stocks`; a clean link or plain text.
    fn quote(&mut self, el: ElementRef<'_>) -> Option<Frame> {
        let id = security_of(el)?;
        let name = text_of(el);
        let name = name.trim();
        self.add_stock(
            &id,
            (!name.is_empty()).then(|| name.to_owned()),
            StockSource::Inline,
        );
        Some(match self.options.inline_quotes {
            InlineQuotes::Link => self.write_link(
                &eastmoney::quote_url(&id.market_id, &id.code),
                None,
                Some("stock"),
            ),
            InlineQuotes::Text => self.unwrap("span"),
        })
    }

    fn add_stock(&mut self, id: &SecurityId, name: Option<String>, from: StockSource) {
        let max = self.options.limits.max_stocks;
        self.stocks.add(id, name, from, max, &mut self.warnings);
    }

    /// `<h2 id>` with the heading's text, listed in the table of contents.
    fn heading(&mut self, el: ElementRef<'_>, level: u8) {
        self.write_heading(collapse_spaces(&text_of(el)), level);
    }

    fn write_heading(&mut self, mut text: String, level: u8) {
        // As the writer drops them: else the id would differ once rendered again.
        text.retain(|c| !c.is_control());
        if self.in_paragraph() {
            self.out.text(&text);
            return;
        }
        if self.options.cjk_spacing {
            // The id and the toc say what the page shows (the writer spaces it too).
            text = cjk_spacing(&text);
        }
        if text.is_empty() {
            return;
        }
        let id = self.unique_id(slug(&text));
        let tag = ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(2, 6) - 2)];
        self.block_start();
        self.out.open(tag, &[("id", &id)]);
        self.out.text(&text);
        self.out.close(tag);
        self.out.block_boundary();
        self.toc.push(TocEntry { id, text, level });
    }

    /// `base`, else `base-2`, `base-3` …, going on from the last suffix given to `base`:
    /// trying every suffix from 2 again made repeated headings quadratic.
    fn unique_id(&mut self, base: String) -> String {
        if self.ids.insert(base.clone()) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A block holding only a photo, and the caption paragraph after it: `<figure>`.
    fn figure(&mut self, el: ElementRef<'_>) {
        let Some(img) = lone_image(el) else { return };
        if self.in_paragraph() {
            return self.image(img, None);
        }
        let caption = caption_after(el);
        if let Some(caption) = caption {
            self.captions.insert(caption.id());
        }
        let caption_text = caption.map(|c| collapse_spaces(&text_of(c)));
        self.block_start();
        let checkpoint = self.out.checkpoint();
        self.out.open("figure", &[]);
        self.image(img, caption_text.clone());
        if self.out.is_empty_since(checkpoint) {
            self.out.rollback(checkpoint);
            return;
        }
        if let Some(text) = caption_text.filter(|t| !t.is_empty()) {
            self.out.block_boundary();
            self.out.open("figcaption", &[]);
            self.out.text(&text);
            self.out.close("figcaption");
        }
        self.out.close("figure");
        self.out.block_boundary();
    }

    /// `<img>` with a safe src, its size, lazy loading and no referrer; trackers dropped.
    fn image(&mut self, el: ElementRef<'_>, caption: Option<String>) {
        let element = el.value();
        let (width_attr, height_attr) = (element.attr_of("width"), element.attr_of("height"));
        let Some(raw) = element.attr_of("src") else {
            return;
        };
        if eastmoney::is_tracking_image(raw, width_attr, height_attr) {
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
        if eastmoney::is_tracking_image(&src, None, None) {
            return;
        }
        let (width, height) = match eastmoney::size_from_file_name(&src) {
            Some((w, h)) => (Some(w), Some(h)),
            None => (number(width_attr), number(height_attr)),
        };
        // Collapsed, control characters dropped: as it reads back (idempotence).
        let alt = collapse_spaces(element.attr_of("alt").unwrap_or_default());
        let alt = alt.as_str();
        let generic = |alt: &str| {
            matches!(
                alt.to_ascii_lowercase().as_str(),
                "" | "image" | "img" | "图片" | "photo"
            )
        };
        // A caption that says no more than "图片" is no alt text either (idempotence).
        let alt = match generic(alt) {
            true => caption.clone().filter(|c| !generic(c)).unwrap_or_default(),
            false => alt.to_owned(),
        };
        let (w, h) = (width.map(|w| w.to_string()), height.map(|h| h.to_string()));
        let mut attrs: Vec<(&str, &str)> = vec![("src", &src), ("alt", &alt)];
        if let (Some(w), Some(h)) = (&w, &h) {
            attrs.push(("width", w));
            attrs.push(("height", h));
        }
        attrs.push(("loading", "lazy"));
        attrs.push(("decoding", "async"));
        attrs.push(("referrerpolicy", "no-referrer"));
        self.out.void("img", &attrs);
        self.images.push(Image {
            src,
            alt,
            width,
            height,
            caption,
        });
    }
}

/// Lists and their items: an item must not nest in an item without a list between.
const LIST_TAGS: &[&str] = &["ul", "ol", "li", "dl", "dt", "dd"];

/// Whether an element is written as a block: a block element, unless a chart or quote
/// class makes a link of it (`<p class="EmImageRemark">` is a chip).
fn writes_block(el: ElementRef<'_>) -> bool {
    BLOCKS.contains(&el.value().name()) && !matches!(role(el), Some(Role::Chart | Role::Quote))
}

/// Whether an element is written as an inline tag (`<a>`, `<strong>` …).
fn writes_inline(el: ElementRef<'_>) -> bool {
    let element = el.value();
    let name = element.name();
    matches!(name, "a" | "b" | "i")
        || (ALLOWED_TAGS.contains(&name) && !BLOCKS.contains(&name))
        || element.attr_of("data-code").is_some()
        || matches!(role(el), Some(Role::Chart | Role::Quote | Role::Keyword))
}

/// Whether an element holds a block (`<a><div>`).
///
/// NOTE: at the top level such an inline element is unwrapped: neither a `<p>` around
/// it nor a run of inline content without one reads back the same (idempotence).
fn holds_block(el: ElementRef<'_>) -> bool {
    el.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| BLOCKS.contains(&e.name()))
    })
}

/// Allowlisted attributes of kept elements, values checked.
fn kept_attributes(el: ElementRef<'_>, tag: &str) -> Vec<(&'static str, String)> {
    let element = el.value();
    let small_number = |name: &'static str| {
        element
            .attr_of(name)
            .and_then(|v| v.trim().parse::<u16>().ok())
            .filter(|&n| n <= 1000)
            .map(|n| (name, n.to_string()))
    };
    match tag {
        "td" | "th" => [small_number("colspan"), small_number("rowspan")]
            .into_iter()
            .flatten()
            .collect(),
        "ol" => small_number("start").into_iter().collect(),
        "abbr" => element
            .attr_of("title")
            .map(|t| ("title", t.to_owned()))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}
