//! Reading the input's markup: what EastMoney's classes and attributes mark an element
//! as, and the shapes the cleaning walk recognises (hidden, centred, a lone photo and its
//! caption, a bold paragraph). Pure functions of the parsed tree; the walk decides.

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{CaseSensitivity, ElementRef, Html, Node};

use crate::eastmoney::{self, SecurityId};

/// What a class or attribute marks an element as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `a.EmImageRemark`: a K-line chart with a tracking image.
    Chart,
    /// `a.keytip`, `span.em_stock_key_common`, anything with an inline `data-code`.
    Quote,
    /// `a.infokey`: a link to a data page about a keyword.
    Keyword,
    /// `p.em_media`: the source line.
    Source,
}

/// The EastMoney patterns, by class; a new widget is a new row (and a fixture).
const ROLES: &[(&str, Role)] = &[
    ("EmImageRemark", Role::Chart),
    ("keytip", Role::Quote),
    ("em_stock_key_common", Role::Quote),
    ("infokey", Role::Keyword),
    ("em_media", Role::Source),
    // Our own output, so that rendering it again changes nothing.
    ("stock-chip", Role::Chart),
    ("stock", Role::Quote),
];

/// Attribute lookup by iterating the element's attributes.
///
/// NOTE: not scraper's `Element::attr`, which turns the name into a string_cache atom on
/// every call: for a name outside html5ever's static set (`data-code`) that is an insert
/// into and a removal from a global set — a sixth of a short post's time, measured.
pub(crate) trait AttrOf {
    fn attr_of(&self, name: &str) -> Option<&str>;
}

impl AttrOf for scraper::node::Element {
    fn attr_of(&self, name: &str) -> Option<&str> {
        self.attrs()
            .find(|&(key, _)| key == name)
            .map(|(_, value)| value)
    }
}

pub(crate) fn role(el: ElementRef<'_>) -> Option<Role> {
    let element = el.value();
    let by_class = ROLES
        .iter()
        .find(|(class, _)| element.has_class(class, CaseSensitivity::AsciiCaseInsensitive))
        .map(|&(_, role)| role);
    by_class.or_else(|| {
        let charted = element.name() == "a"
            && el.children().any(|c| {
                ElementRef::wrap(c).is_some_and(|img| {
                    img.value().name() == "img"
                        && img
                            .value()
                            .attr_of("src")
                            .is_some_and(|s| eastmoney::is_tracking_image(s, None, None))
                })
            });
        if charted {
            Some(Role::Chart)
        } else if element.attr_of("data-code").is_some() {
            Some(Role::Quote)
        } else {
            None
        }
    })
}

/// The security of an inline quote: `data-code="1,600160"`, or its quote-page `href`.
pub(crate) fn security_of(el: ElementRef<'_>) -> Option<SecurityId> {
    let element = el.value();
    element
        .attr_of("data-code")
        .and_then(eastmoney::parse_data_code)
        .or_else(|| element.attr_of("href").and_then(eastmoney::parse_quote_url))
}

/// The names that inline quote links give securities, for labelling chart chips.
pub(crate) fn quote_names(html: &Html) -> HashMap<(String, String), String> {
    let mut names = HashMap::new();
    for node in html.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if role(el) != Some(Role::Quote) {
            continue;
        }
        if let Some(id) = security_of(el) {
            let name = collapse_spaces(&text_of(el));
            if !name.is_empty() {
                names.entry((id.market_id, id.code)).or_insert(name);
            }
        }
    }
    names
}

pub(crate) fn is_event_handler(attr: &str) -> bool {
    // Bytes, not `&attr[..2]`: an attribute name may start with a multi-byte character.
    attr.len() > 2 && attr.as_bytes()[..2].eq_ignore_ascii_case(b"on")
}

/// `style="display:none"`, `visibility:hidden`, the `hidden` attribute.
pub(crate) fn is_hidden(el: ElementRef<'_>) -> bool {
    let element = el.value();
    if element.attr_of("hidden").is_some() {
        return true;
    }
    element.attr_of("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn is_centered(el: ElementRef<'_>) -> bool {
    let element = el.value();
    element
        .attr_of("align")
        .is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || element.attr_of("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.to_ascii_lowercase().contains("text-align:center")
        })
}

/// The element children of `el`, or `None` if it also holds text that is not white space.
fn only_elements(el: ElementRef<'_>) -> Option<Vec<ElementRef<'_>>> {
    let mut elements = Vec::new();
    for child in el.children() {
        match child.value() {
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Element(_) => elements.push(ElementRef::wrap(child)?),
            Node::Comment(_) => {}
            _ => return None,
        }
    }
    Some(elements)
}

/// Short, and not ending like a sentence or a lead-in.
pub(crate) fn is_heading_text(text: &str) -> bool {
    let length = text.chars().count();
    (1..=40).contains(&length) && !text.ends_with(['。', '.', '：', ':', '；'])
}

/// The one `<img>` a block holds, with nothing else visible.
pub(crate) fn lone_image(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let children = only_elements(el)?;
    let [img] = children.as_slice() else {
        return None;
    };
    (img.value().name() == "img").then_some(*img)
}

/// A short, centred paragraph right after a photo is its caption.
pub(crate) fn caption_after(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let next = el
        .next_siblings()
        .find(|n| !matches!(n.value(), Node::Text(t) if t.trim().is_empty()))
        .and_then(ElementRef::wrap)?;
    let text = collapse_spaces(&text_of(next));
    let is_caption = matches!(next.value().name(), "p" | "div")
        && is_centered(next)
        && (1..=100).contains(&text.chars().count())
        && !next
            .descendants()
            .any(|d| d.value().as_element().is_some_and(|e| e.name() == "img"));
    is_caption.then_some(next)
}

/// All text below a node, in document order, without recursion.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    let node: NodeRef<'_, Node> = *el;
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| &**t)
        .collect()
}

/// White space collapsed, control characters dropped (the writer drops them from the
/// html: a name or heading read from the input must say what the page shows).
pub(crate) fn collapse_spaces(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn number(value: Option<&str>) -> Option<u32> {
    value?
        .trim()
        .trim_end_matches("px")
        .parse()
        .ok()
        .filter(|&n| n > 0 && n < 100_000)
}

pub(crate) fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}
