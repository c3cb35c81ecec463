//! Checks shared by the native test files: the html contract of SPEC §2, and ammonia
//! (configured to our policy) as an oracle for our own allowlist sanitizer.
#![allow(dead_code)]

use std::collections::HashSet;

use finews_reader::contract::{accepts, attributes, output_tags, violations, Value, ATTRIBUTES};
use finews_reader::urls::{is_fragment, schemes, UrlUse};
use scraper::Html;

/// Asserts the body `html` contract of SPEC §2, naming every breach.
#[track_caller]
pub fn assert_html_contract(html: &str) {
    let found = violations(html);
    assert!(
        found.is_empty(),
        "the html contract is broken: {found:?}\n{html}"
    );
}

/// ammonia, configured from the same tables as the policy our sanitizer runs on
/// (`finews_reader::contract`).
pub fn ammonia_policy() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(output_tags())
        .link_rel(None)
        .url_schemes(
            schemes(UrlUse::Link)
                .iter()
                .copied()
                .collect::<HashSet<_>>(),
        )
        // Links within the page only (`#fn:1`): nothing else relative is ever written.
        .url_relative(ammonia::UrlRelative::Custom(Box::new(fragment_only)))
        // Named values (`language-rust`, `fn:1`) by the policy's own check.
        .attribute_filter(|tag, name, value| {
            match attributes(tag).iter().find(|a| a.name == name) {
                Some(a) if matches!(a.value, Value::Prefixed(_)) && !accepts(a.value, value) => {
                    None
                }
                _ => Some(value.into()),
            }
        })
        .strip_comments(true);
    for (tag, _) in ATTRIBUTES {
        for attribute in attributes(tag) {
            match attribute.value {
                Value::OneOf(classes) if attribute.name == "class" => {
                    builder.add_allowed_classes(tag, classes.iter().copied());
                }
                _ => {
                    builder.add_tag_attributes(tag, [attribute.name]);
                }
            }
        }
    }
    builder
}

fn fragment_only(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    is_fragment(url).then_some(url.into())
}

/// Re-serializes HTML through html5ever, so serializer differences do not count.
fn reserialize(html: &str) -> String {
    Html::parse_fragment(html).root_element().inner_html()
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

/// Asserts that rendering our own output again gives the same html.
#[track_caller]
pub fn assert_idempotent(html: &str, options: &finews_reader::Options) {
    let again =
        finews_reader::render_post_with(&format!("---\n---\n{html}"), options).map(|a| a.html);
    assert_eq!(
        again.as_deref(),
        Ok(html),
        "rendering the output again changed it"
    );
}
