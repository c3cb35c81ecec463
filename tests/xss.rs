//! The XSS suite: every vector of `tests/xss/vectors.json` in every placement of a post
//! (the same file drives the browser test in `tests/e2e/`), with the default options
//! and with every non-default choice. Each rendering must keep the invariants of the
//! fuzz targets (`fuzz/src/invariants.rs`: the html contract, ammonia configured to our
//! policy agrees, URLs of allowed schemes, idempotence), carry no `javascript:`,
//! `vbscript:` or `data:` in any `href`/`src`, `originalUrl` or link, and return the
//! text fields as plain text: front matter verbatim, nothing escaped twice.

mod common;
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};

use finews_reader::{decode_entities, render_post_with, Article, InlineQuotes, Options};
use finews_reader::{Limits, StockCharts};
use scraper::{Html, Node};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    placements: Vec<Placement>,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Placement {
    id: String,
    template: String,
}

#[derive(Deserialize)]
struct Vector {
    id: String,
    category: String,
    payload: String,
}

fn table() -> Table {
    serde_json::from_str(include_str!("xss/vectors.json")).expect("tests/xss/vectors.json")
}

/// `{{raw}}`: the payload as is; `{{json}}`: as a JSON string, a YAML double-quoted scalar.
fn post(template: &str, payload: &str) -> String {
    let json = serde_json::to_string(payload).expect("a string serializes");
    template
        .replace("{{json}}", &json)
        .replace("{{raw}}", payload)
}

fn option_sets() -> [Options; 2] {
    let other = Options {
        stock_charts: StockCharts::Remove,
        inline_quotes: InlineQuotes::Text,
        headings: false,
        cjk_spacing: true,
        link_target: None,
        limits: Limits {
            max_nesting: 16,
            ..Limits::default()
        },
        ..Options::default()
    };
    [Options::default(), other]
}

/// Whether a URL could run script, read as a browser reads it: white space and control
/// characters anywhere ignored, any case.
fn dangerous(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| squeezed.contains(scheme))
}

/// Every `href` and `src` of the html, then `originalUrl`, links and images.
fn urls(article: &Article) -> Vec<String> {
    let doc = Html::parse_fragment(&article.html);
    let mut urls: Vec<String> = doc
        .tree
        .values()
        .filter_map(|node| match node {
            Node::Element(el) => Some(el),
            _ => None,
        })
        .flat_map(|el| {
            el.attrs()
                .filter(|(name, _)| matches!(*name, "href" | "src"))
        })
        .map(|(_, value)| value.to_owned())
        .collect();
    urls.extend(article.original_url.clone());
    urls.extend(article.links.iter().map(|l| l.href.clone()));
    urls.extend(article.images.iter().map(|i| i.src.clone()));
    urls
}

/// The text fields, which the JS side puts in the page with `textContent`.
fn text_fields(a: &Article) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("title", a.title.clone()),
        ("text", a.text.clone()),
        ("excerpt", a.excerpt.clone()),
    ];
    fields.extend(a.digest.clone().map(|d| ("digest", d)));
    fields.extend(a.source.clone().map(|s| ("source", s)));
    fields.extend(a.tags.iter().map(|t| ("tags", t.clone())));
    fields.extend(a.categories.iter().map(|c| ("categories", c.clone())));
    fields.extend(a.toc.iter().map(|t| ("toc", t.text.clone())));
    fields.extend(
        a.stocks
            .iter()
            .filter_map(|s| s.name.clone().map(|n| ("stocks", n))),
    );
    fields.extend(a.links.iter().map(|l| ("links", l.text.clone())));
    fields.extend(a.images.iter().map(|i| ("images", i.alt.clone())));
    fields
}

/// The payload as the post's text reaches the parsers: line endings normalised,
/// control characters removed.
fn as_read(payload: &str) -> String {
    payload
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn check(article: &Article, placement: &str, payload: &str, options: &Options) {
    invariants::check_article(article, options, true);
    for url in urls(article) {
        assert!(!dangerous(&url), "a dangerous URL: {url:?}");
    }
    for (field, value) in text_fields(article) {
        for escape in ["&lt;", "&gt;", "&amp;", "&quot;", "&#"] {
            assert!(
                !value.contains(escape) || payload.contains(escape),
                "{field} holds {escape}, escaped by us: {value:?}"
            );
        }
    }
    // Front matter is text: it comes back as written, entities decoded, markup kept.
    let written = payload.trim();
    match placement {
        "title" => {
            assert_eq!(article.title, decode_entities(written), "title");
            assert!(article.title.matches('<').count() >= written.matches('<').count());
        }
        "categories" => assert_eq!(
            article.categories,
            written.split_whitespace().collect::<Vec<_>>()
        ),
        "tags" => assert_eq!(article.tags, [written]),
        // A digest is plain text: a quote holding markup is no digest, it stays a quote.
        "digest" => {
            let digest = article.digest.as_deref().unwrap_or_default();
            let tag_like = digest.as_bytes().windows(2).any(|w| {
                w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?'))
            });
            // (Escaped text, `&lt;b&gt;`, is plain text that reads `<b>`.)
            assert!(
                !tag_like || payload.contains('&'),
                "the digest holds markup: {digest:?}"
            );
            if !payload.contains(['\n', '\r', '<', '&', '[', '*', '_', '`', '\\']) {
                assert_eq!(article.digest.as_deref(), Some(as_read(payload).trim()));
            }
        }
        _ => {}
    }
}

#[test]
fn every_vector_in_every_placement() {
    let table = table();
    let mut renderings = 0;
    let mut failures = Vec::new();
    for placement in &table.placements {
        for vector in &table.vectors {
            let raw = post(&placement.template, &vector.payload);
            for (i, options) in option_sets().iter().enumerate() {
                renderings += 1;
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                    let article = render_post_with(&raw, options)
                        .unwrap_or_else(|e| panic!("no article: {e}"));
                    check(&article, &placement.id, &vector.payload, options);
                }));
                if let Err(e) = outcome {
                    let message = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.push(format!(
                        "{} in {} (options #{i}): {message}",
                        vector.id, placement.id
                    ));
                }
            }
        }
    }
    assert_eq!(renderings, table.vectors.len() * table.placements.len() * 2);
    assert!(
        failures.is_empty(),
        "{} of {renderings} renderings failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_vector_table_covers_the_threat_model() {
    let table = table();
    let ids: HashSet<&str> = table.vectors.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids.len(), table.vectors.len(), "vector ids are unique");
    let categories: HashSet<&str> = table.vectors.iter().map(|v| v.category.as_str()).collect();
    for category in [
        "script",
        "event-handler",
        "url-scheme",
        "mutation",
        "raw-text",
        "form",
        "quote-breaking",
        "comment-cdata",
        "embedding",
        "css",
        "eastmoney",
        "markdown",
    ] {
        assert!(categories.contains(category), "no {category} vectors");
    }
    let placements: Vec<&str> = table.placements.iter().map(|p| p.id.as_str()).collect();
    for placement in [
        "body",
        "title",
        "categories",
        "tags",
        "digest",
        "source",
        "chart-data-code",
        "chart-href",
        "chart-img-src",
        "trailer-autolink",
        "trailer-links",
    ] {
        assert!(placements.contains(&placement), "no {placement} placement");
    }
    for p in &table.placements {
        assert!(
            p.template.contains("{{raw}}") || p.template.contains("{{json}}"),
            "{}",
            p.id
        );
    }
}

#[test]
fn the_url_check_reads_urls_as_browsers_do() {
    for url in [
        "javascript:alert(1)",
        "JaVa\tScRiPt:alert(1)",
        " java\nscript:alert(1)",
        "\u{1}vbscript:x",
        "DATA:text/html,x",
    ] {
        assert!(dangerous(url), "{url:?}");
    }
    for url in ["https://finews.withounder.com/emnews/", "mailto:a@b.cn"] {
        assert!(!dangerous(url), "{url:?}");
    }
}
