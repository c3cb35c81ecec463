//! Reading the input's markup: attributes, hidden and centred elements, a photo's
//! caption, text. Pure functions of the parsed tree; the walk decides.

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use crate::contract::{self, Layout};

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
        declares(style, "display:none") || declares(style, "visibility:hidden")
    })
}

fn is_centered(el: ElementRef<'_>) -> bool {
    let element = el.value();
    element
        .attr_of("align")
        .is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || element
            .attr_of("style")
            .is_some_and(|style| declares(style, "text-align:center"))
}

/// Whether a `style` attribute holds `declaration` (any case, white space anywhere),
/// read in place: most elements of a post carry a style.
fn declares(style: &str, declaration: &str) -> bool {
    let bytes = style.as_bytes();
    (0..bytes.len()).any(|start| {
        let mut rest = bytes[start..].iter().filter(|b| !b.is_ascii_whitespace());
        !bytes[start].is_ascii_whitespace()
            && declaration
                .bytes()
                .all(|d| rest.next().is_some_and(|b| b.eq_ignore_ascii_case(&d)))
    })
}

/// Short, and not ending like a sentence or a lead-in.
pub(crate) fn is_heading_text(text: &str) -> bool {
    let length = text.chars().count();
    (1..=40).contains(&length) && !text.ends_with(['。', '.', '：', ':', '；'])
}

/// A short, centred paragraph right after a photo is its caption.
pub(crate) fn caption_after(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let next = el
        .next_siblings()
        .find(|n| !matches!(n.value(), Node::Text(t) if t.trim().is_empty()))
        .and_then(ElementRef::wrap)?;
    // The cheap tests first: the next paragraph is usually a long one of text.
    let is_caption = matches!(next.value().name(), "p" | "div")
        && is_centered(next)
        && !next
            .descendants()
            .any(|d| d.value().as_element().is_some_and(|e| e.name() == "img"))
        && (1..=100).contains(&collapse_spaces(&text_of(next)).chars().count());
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

/// A size as pages write it (`800`, ` 800px`); the policy bounds it where it is written.
pub(crate) fn number(value: Option<&str>) -> Option<u32> {
    value?.trim().trim_end_matches("px").parse().ok()
}

pub(crate) fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Alt text that says nothing (`Image`, `图片`).
pub(crate) fn is_generic_alt(alt: &str) -> bool {
    matches!(
        alt.to_ascii_lowercase().as_str(),
        "" | "image" | "img" | "图片" | "photo"
    )
}

/// Whether an element holds a block (`<a><div>`), by the policy's layout.
pub(crate) fn holds_block(el: ElementRef<'_>) -> bool {
    el.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| contract::tag(e.name()).layout == Layout::Block)
    })
}
