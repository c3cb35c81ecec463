//! HTML parsing: html5ever through scraper, once per post, with a nesting cap.
//!
//! html5ever's tree builder scans its stack of open elements for many tags, which makes
//! deep nesting quadratic (100,000 nested `<div>` take more than 20 s). A token filter
//! between tokenizer and tree builder keeps a model of that stack and drops start tags
//! (never text) while it is `max_nesting` deep, so time stays linear.

use std::cell::{Cell, RefCell};

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{ElementFlags, TreeBuilder, TreeSink};
use html5ever::{local_name, ns, LocalName, QualName, TokenizerResult};
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
    let sink = HtmlTreeSink::new(Html::new_fragment());
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
    let cap = DepthCap {
        builder,
        max: max_nesting.max(1),
        open: RefCell::new(Vec::new()),
        dropped: Cell::new(0),
        limited: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(cap, opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let DepthCap {
        builder, limited, ..
    } = tokenizer.sink;
    Parsed {
        html: builder.sink.finish(),
        nesting_limited: limited.get(),
    }
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

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose start tag closes an open one of the same kind (`<p>a<p>b`, `<li>`).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "rb", "rt", "rp",
];

/// A model of the tree builder's stack of open elements, by tag name. It closes less
/// than the real builder does, so it errs deep: it may cap early, never late.
struct DepthCap {
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    max: usize,
    open: RefCell<Vec<LocalName>>,
    dropped: Cell<usize>,
    limited: Cell<bool>,
}

impl DepthCap {
    /// Whether to pass a tag on to the tree builder, updating the model.
    fn admit(&self, kind: TagKind, name: &LocalName, self_closing: bool) -> bool {
        let mut open = self.open.borrow_mut();
        let recent =
            |open: &Vec<LocalName>| open.iter().rev().take(self.max).position(|n| n == name);
        match kind {
            TagKind::StartTag if self_closing || VOID.contains(&&**name) => true,
            TagKind::StartTag => {
                if SELF_CLOSING_SIBLINGS.contains(&&**name) && open.last() == Some(name) {
                    open.pop();
                }
                if open.len() >= self.max {
                    self.dropped.set(self.dropped.get() + 1);
                    self.limited.set(true);
                    return false;
                }
                open.push(name.clone());
                true
            }
            TagKind::EndTag => match recent(&open) {
                Some(from_top) => {
                    let len = open.len() - from_top - 1;
                    open.truncate(len);
                    true
                }
                None if self.dropped.get() > 0 => {
                    self.dropped.set(self.dropped.get() - 1);
                    false
                }
                None => true,
            },
        }
    }
}

impl TokenSink for DepthCap {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            if !self.admit(tag.kind, &tag.name, tag.self_closing) {
                return TokenSinkResult::Continue;
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
