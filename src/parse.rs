//! HTML parsing: html5ever through scraper, once per post, with a nesting cap.
//!
//! html5ever's tree builder scans its stack of open elements for many tags, which makes
//! deep nesting quadratic (100,000 nested `<div>` take more than 20 s). A token filter
//! between tokenizer and tree builder drops start tags (never text) once the builder's
//! real stack of open elements is `max_nesting` deep, so time stays linear.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink};
use html5ever::{ns, local_name, Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// A parsed body fragment, and whether the nesting cap had to flatten anything.
pub struct Parsed {
    /// The html5ever tree, as scraper holds it.
    pub html: Html,
    /// `true` when tags nested deeper than the limit were dropped (their text kept).
    pub nesting_limited: bool,
}

/// Parses an HTML fragment in `<body>` context, flattening nesting deeper than `max_nesting`.
///
/// # Examples
/// ```
/// let deep = "<div>".repeat(1000) + "深";
/// let parsed = finews_reader::parse_html(&deep, 64);
/// assert!(parsed.nesting_limited);
/// assert_eq!(parsed.html.root_element().text().collect::<String>(), "深");
/// ```
pub fn parse_html(fragment: &str, max_nesting: usize) -> Parsed {
    let sink = DepthSink { inner: HtmlTreeSink::new(Html::new_fragment()), open: Cell::new(0) };
    let context = sink.create_element(
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        ElementFlags::default(),
    );
    let builder = TreeBuilder::new_for_fragment(sink, context, None, Default::default());
    let opts = TokenizerOpts {
        initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
        ..Default::default()
    };
    let cap = DepthCap { builder, max: max_nesting, dropped: Cell::new(0), limited: Cell::new(false) };
    let tokenizer = Tokenizer::new(cap, opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let DepthCap { builder, limited, .. } = tokenizer.sink;
    Parsed { html: builder.sink.inner.finish(), nesting_limited: limited.get() }
}

/// Decodes character references (`&amp;`, `&#x4e2d;`) in a text, as HTML would.
///
/// # Examples
/// ```
/// assert_eq!(finews_reader::decode_entities("A&amp;B&#x4e2d;"), "A&B中");
/// ```
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let escaped = text.replace('<', "&lt;");
    parse_html(&escaped, 4).html.root_element().text().collect()
}

/// Drops start tags (and as many end tags after them) while the open stack is full.
struct DepthCap {
    builder: TreeBuilder<NodeId, DepthSink>,
    max: usize,
    dropped: Cell<usize>,
    limited: Cell<bool>,
}

impl TokenSink for DepthCap {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if !tag.self_closing && self.builder.sink.open.get() >= self.max => {
                    self.dropped.set(self.dropped.get() + 1);
                    self.limited.set(true);
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag if self.dropped.get() > 0 => {
                    self.dropped.set(self.dropped.get() - 1);
                    return TokenSinkResult::Continue;
                }
                _ => {}
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// scraper's tree sink, counting the tree builder's open elements (created, less popped).
struct DepthSink {
    inner: HtmlTreeSink,
    open: Cell<usize>,
}

impl TreeSink for DepthSink {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.open.set(self.open.get() + 1);
        self.inner.create_element(name, attrs, flags)
    }
    fn pop(&self, _node: &NodeId) {
        self.open.set(self.open.get().saturating_sub(1));
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(&self, element: &NodeId, prev: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append_based_on_parent_node(element, prev, child)
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.inner.append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
}
