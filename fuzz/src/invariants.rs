//! What must hold for every input and every [`Options`]: checked by the fuzz targets on
//! each input, and by `tests/regressions.rs` and `tests/xss.rs` natively. One file,
//! included by path in both places; it uses the sibling module `common` (`tests/common`).
#![allow(dead_code)]

use finews_reader::urls::{schemes, UrlUse};
use finews_reader::{
    clean, clean_markdown, is_markdown_alone, markdown_events, normalize, parse_html, render_bytes,
    render_markdown, render_post_with, split, Article, Options,
};

use super::common;

/// Renders `raw` and checks every invariant, panicking (a fuzz finding) when one breaks.
/// `oracle`: also clean the html again with ammonia configured to our policy.
pub fn check(raw: &[u8], options: &Options, oracle: bool) -> Option<Article> {
    let article = render_bytes(raw, options).ok()?;
    check_article(&article, options, oracle);
    if let Ok(raw) = std::str::from_utf8(raw) {
        assert_markdown_ways_agree(raw, options);
    }
    Some(article)
}

/// A body of Markdown alone is cleaned from its events directly; through pulldown-cmark's
/// HTML and html5ever it must come out the same (where neither way had to flatten).
pub fn assert_markdown_ways_agree(raw: &str, options: &Options) {
    let text = normalize(raw);
    let parts = split(&text);
    let body = parts.body;
    if !is_markdown_alone(body) {
        return;
    }
    let max = options.limits.max_nesting;
    let (html, limited) = render_markdown(body, max);
    let parsed = parse_html(&html, max);
    if limited || parsed.nesting_limited {
        return;
    }
    let via_html = clean(&parsed.html, options);
    let direct = clean_markdown(markdown_events(body), options);
    assert_eq!(
        (&direct.html, &direct.paragraphs, &direct.stocks),
        (&via_html.html, &via_html.paragraphs, &via_html.stocks),
        "Markdown alone cleaned from its events differs from its HTML"
    );
}

/// The invariants of a rendered article (see [`check`]).
pub fn check_article(article: &Article, options: &Options, oracle: bool) {
    common::assert_html_contract(&article.html);
    if oracle {
        common::assert_ammonia_agrees(&article.html);
    }
    let urls = article.original_url.iter();
    let urls = urls.chain(article.links.iter().map(|l| &l.href));
    let urls = urls.chain(article.images.iter().map(|i| &i.src));
    let urls = urls.chain(article.stocks.iter().map(|s| &s.quote_url));
    for url in urls {
        assert_safe_url(url);
    }
    // Rendering our own html again as a post body changes nothing: `assert_idempotent`
    // of tests/common, except that a body with no text (only stock chips or photos)
    // gets a title in the wrapper, without which it is no article (`NoContent`, by
    // design). A wrapper that does not fit a tiny `maxInputBytes` leaves nothing to compare.
    let wrapper = match article.text.is_empty() {
        false => "---\n---\n",
        true => "---\ntitle: t\n---\n",
    };
    let fits = article.html.len() + wrapper.len() <= options.limits.max_input_bytes
        // and `maxNesting` must let our html through: it caps the input, and the walk
        // adds a level at places (a `<p>` around top-level inline content).
        && depth(&article.html) < options.limits.max_nesting;
    // With `cjkSpacing`, up to the spaces it puts in: whether a Latin word takes one is
    // read within one text node, and a word that markup split (`链接1<a href=bad>x</a>`,
    // the link then unwrapped) is one word, in one node, when read again.
    let spaced = |html: &str| match options.cjk_spacing {
        true => html.replace(' ', ""),
        false => html.to_owned(),
    };
    if !article.html.is_empty() && fits {
        let again = render_post_with(&format!("{wrapper}{}", article.html), options);
        assert_eq!(
            again.map(|a| spaced(&a.html)),
            Ok(spaced(&article.html)),
            "rendering the output again changed it"
        );
    }
}

/// How deep the elements of `html` nest.
fn depth(html: &str) -> usize {
    let doc = scraper::Html::parse_fragment(html);
    let (mut depth, mut deepest) = (0usize, 0);
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) if n.value().is_element() => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ego_tree::iter::Edge::Close(n) if n.value().is_element() => depth -= 1,
            _ => {}
        }
    }
    deepest.saturating_sub(1)
}

/// A URL of an Article field: an allowed scheme, and only printable ASCII (no white
/// space or control character that could hide a scheme or break out of an attribute).
#[track_caller]
pub fn assert_safe_url(url: &str) {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    assert!(
        scheme.is_some_and(|s| schemes(UrlUse::Link).contains(&s.as_str())),
        "a URL with a scheme outside the allowlist: {url:?}"
    );
    assert!(
        url.bytes().all(|b| b.is_ascii_graphic()),
        "a URL with white space, control or non-ASCII characters: {url:?}"
    );
}
