//! The body `html` contract of SPEC §2 as a checker: one implementation for the tests,
//! the fuzz targets and the browser tests.

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

/// The attributes each tag may carry.
pub const ALLOWED_ATTRIBUTES: &[(&str, &[&str])] = &[
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

/// The classes of our own links (a chart chip, an inline quote).
pub const ALLOWED_CLASSES: &[&str] = &["stock", "stock-chip"];

/// URL schemes allowed in `href` and `src`.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// EastMoney vendor attributes (`data-code`, `data-code2` …) and chart classes: never an
/// attribute name here. (Classes are allowlisted; comments are refused whatever they hold.)
const VENDOR_NAMES: &[&str] = &["data-code", "EM_StockImg", "EmImageRemark"];

/// Hosts and pages of the K-line tracking images: in no `src` or `href`.
const TRACKERS: &[&str] = &["webquoteklinepic.eastmoney.com", "GetPic.aspx"];

/// Every way `html` breaks the contract; empty when it holds.
///
/// # Examples
/// ```
/// use finews_reader::contract::violations;
/// assert!(violations("<p>好</p>").is_empty());
/// assert_eq!(violations("<p onclick=x>好</p>").len(), 1);
/// assert!(violations("<p>data-code 属性</p>").is_empty(), "text is not markup");
/// ```
pub fn violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let element = match node.value() {
            Node::Comment(_) => {
                found.push("a comment".to_owned());
                continue;
            }
            Node::Element(element) => element,
            _ => continue,
        };
        let name = element.name();
        // The parser's own wrappers (a `<body>` in the input is dropped by any parser).
        if matches!(name, "html" | "body") {
            continue;
        }
        if !ALLOWED_TAGS.contains(&name) {
            found.push(format!("tag <{name}>"));
        }
        let allowed: &[&str] = ALLOWED_ATTRIBUTES
            .iter()
            .find(|(t, _)| *t == name)
            .map_or(&[], |(_, a)| a);
        for (attr, value) in element.attrs() {
            // In markup only: text, `alt`, `title` and URLs may well mention `data-code`.
            let url = matches!(attr, "href" | "src").then_some(value);
            for banned in VENDOR_NAMES {
                if attr.contains(banned) {
                    found.push(format!("vendor attribute {attr} on <{name}>"));
                }
            }
            for tracker in TRACKERS {
                if url.is_some_and(|v| v.contains(tracker)) {
                    found.push(format!("a tracking URL {value:?} on <{name}>"));
                }
            }
            if !allowed.contains(&attr) {
                found.push(format!("attribute {attr}={value:?} on <{name}>"));
            } else if matches!(attr, "href" | "src") && !has_allowed_scheme(value) {
                found.push(format!("URL {value:?} on <{name}>"));
            } else if attr == "class" && !ALLOWED_CLASSES.contains(&value) {
                found.push(format!("class {value:?} on <{name}>"));
            }
        }
        if name == "img"
            && (element.attr("loading") != Some("lazy")
                || element.attr("referrerpolicy") != Some("no-referrer"))
        {
            found.push("an <img> without loading=lazy and referrerpolicy=no-referrer".to_owned());
        }
        if name == "a"
            && element.attr("target").is_some()
            && element.attr("rel") != Some("noopener noreferrer")
        {
            found.push("a link with a target but no rel=\"noopener noreferrer\"".to_owned());
        }
        if name == "p" {
            let visible = node.descendants().any(|n| match n.value() {
                Node::Text(t) => !t.trim().is_empty(),
                Node::Element(e) => e.name() == "img",
                _ => false,
            });
            if !visible {
                found.push("an empty <p>".to_owned());
            }
        }
    }
    found
}

fn has_allowed_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        ALLOWED_SCHEMES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme))
    })
}
