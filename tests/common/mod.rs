//! Checks shared by the native test files: the html contract of SPEC §2, and ammonia
//! (configured to our policy) as an oracle for our own allowlist sanitizer.
#![allow(dead_code)]

use std::collections::HashSet;

use scraper::{Html, Node};

/// The tags the output may hold.
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "strong",
    "em",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "q",
    "cite",
    "kbd",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "div",
    "a",
    "img",
];

const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title", "class", "rel", "target"]),
    (
        "img",
        &[
            "src",
            "alt",
            "width",
            "height",
            "loading",
            "decoding",
            "referrerpolicy",
        ],
    ),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("ol", &["start"]),
    ("abbr", &["title"]),
];

const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Asserts the body `html` contract of SPEC §2, naming the first breach.
#[track_caller]
pub fn assert_html_contract(html: &str) {
    for banned in [
        "EM_StockImg",
        "EmImageRemark",
        "webquoteklinepic",
        "GetPic.aspx",
        "<!--",
        "data-code",
    ] {
        assert!(!html.contains(banned), "output holds {banned:?}:\n{html}");
    }
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Comment(_) => panic!("a comment in the output:\n{html}"),
            Node::Element(el) => {
                let name = el.name();
                if name == "html" || name == "body" {
                    continue;
                }
                assert!(
                    ALLOWED_TAGS.contains(&name),
                    "tag <{name}> in the output:\n{html}"
                );
                let allowed: &[&str] = ATTRIBUTES
                    .iter()
                    .find(|(t, _)| *t == name)
                    .map_or(&[], |(_, a)| a);
                for (attr, value) in el.attrs() {
                    assert!(
                        allowed.contains(&attr),
                        "attribute {attr}={value:?} on <{name}>:\n{html}"
                    );
                    if matches!(attr, "href" | "src") {
                        let scheme = value
                            .split(':')
                            .next()
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        assert!(
                            value.contains(':') && SCHEMES.contains(&scheme.as_str()),
                            "URL {value:?} in the output"
                        );
                    }
                }
                if name == "img" {
                    assert_eq!(el.attr("loading"), Some("lazy"), "img without loading=lazy");
                    assert_eq!(
                        el.attr("referrerpolicy"),
                        Some("no-referrer"),
                        "img without referrerpolicy"
                    );
                }
                if name == "a" && el.attr("target").is_some() {
                    assert_eq!(
                        el.attr("rel"),
                        Some("noopener noreferrer"),
                        "a target without rel:\n{html}"
                    );
                }
                if name == "p" {
                    let text: String = node
                        .descendants()
                        .filter_map(|n| n.value().as_text())
                        .map(|t| &**t)
                        .collect();
                    let has_media = node
                        .descendants()
                        .any(|n| n.value().as_element().is_some_and(|e| e.name() == "img"));
                    assert!(
                        !text.trim().is_empty() || has_media,
                        "an empty <p> in the output:\n{html}"
                    );
                }
            }
            _ => {}
        }
    }
}

/// ammonia, configured to the policy our sanitizer claims to enforce.
pub fn ammonia_policy() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(ALLOWED_TAGS.iter().copied())
        .link_rel(None)
        .url_schemes(SCHEMES.iter().copied().collect::<HashSet<_>>())
        .url_relative(ammonia::UrlRelative::Deny)
        .strip_comments(true)
        .add_allowed_classes("a", ["stock", "stock-chip"]);
    for (tag, attrs) in ATTRIBUTES {
        let attrs: Vec<&str> = attrs.iter().copied().filter(|a| *a != "class").collect();
        builder.add_tag_attributes(tag, attrs);
    }
    builder
}

/// Re-serializes HTML through html5ever, so serializer differences do not count.
fn reserialize(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    doc.root_element().inner_html()
}

/// Asserts that cleaning our output again with ammonia changes nothing.
#[track_caller]
pub fn assert_ammonia_agrees(html: &str) {
    let ours = reserialize(html);
    let theirs = reserialize(&ammonia_policy().clean(html).to_string());
    assert_eq!(
        ours, theirs,
        "ammonia, configured to our policy, changed our output"
    );
}
