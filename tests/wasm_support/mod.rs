//! Shared by `tests/web.rs` and `tests/node.rs`: the checked-in fixtures, embedded at
//! compile time (the wasm runner has no file system), and helpers to compare what the JS
//! binding returns with them.
#![allow(dead_code)]

use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};

/// One `tests/fixtures/<name>/` directory.
pub struct Fixture {
    pub name: &'static str,
    pub input: &'static str,
    /// `options.json`, when the fixture has one.
    pub options: Option<&'static str>,
    /// The native render, serialized: an Article or `{"error": {code, message}}`.
    pub expected_json: &'static str,
    pub expected_html: &'static str,
}

macro_rules! file {
    ($name:literal, $file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $name,
            "/",
            $file
        ))
    };
}

macro_rules! options_file {
    ($name:literal,) => {
        None
    };
    ($name:literal, options) => {
        Some(file!($name, "options.json"))
    };
}

/// The list is checked against the directory by `tests/node/fixture-list.test.mjs`:
/// a fixture added there must be added here (with `[options]` if it has an options.json).
macro_rules! fixtures {
    ($($name:literal $([$options:ident])?,)*) => {
        pub const FIXTURES: &[Fixture] = &[$(Fixture {
            name: $name,
            input: file!($name, "input.md"),
            options: options_file!($name, $($options)?),
            expected_json: file!($name, "expected.json"),
            expected_html: file!($name, "expected.html"),
        }),*];
    };
}

fixtures! {
    "alt-0885306-2021-12-08-202112082206672930",
    "em-ad-banner",
    "em-ads",
    "em-caifuhao-original-link",
    "em-charts",
    "em-classes-and-keywords",
    "em-data-code-forms",
    "em-data-table",
    "em-disclaimer",
    "em-disclaimer-data-note",
    "em-editor-bare",
    "em-editor-class",
    "em-element-ids",
    "em-full-article-older-layout",
    "em-guba-caifuhao",
    "em-images",
    "em-lists-and-headings",
    "em-live-quotes-old",
    "em-markets-fund-uk-unknown",
    "em-markets-futures-forex",
    "em-markets-hk-us",
    "em-markets-mainland",
    "em-original-title-line",
    "em-original-title-marker",
    "em-page-furniture",
    "em-pagination",
    "em-placeholders",
    "em-promotion-lines",
    "em-risk-warning-mid-article",
    "em-securities-in-structure",
    "em-summary-abstract-with-digest",
    "em-summary-b-review",
    "em-url-forms-global",
    "em-url-forms-mainland",
    "em-wide-table",
    "jekyll-excerpt-custom-separator-zh",
    "jekyll-excerpt-key-zh",
    "jekyll-excerpt-separator-en",
    "jekyll-kramdown-en" [options],
    "jekyll-kramdown-zh",
    "jekyll-leading-quote-en",
    "jekyll-leading-quote-hint-zh",
    "jekyll-leading-quote-zh",
    "jekyll-liquid-en",
    "jekyll-liquid-zh" [options],
    "jekyll-toc-elsewhere" [options],
    "lf-2021-12-23-NW202112232224415618",
    "old-2021-12-08-202112082206972753",
    "old-2021-12-08-202112082206998127",
    "old-2021-12-08-202112082207020388",
    "old-2021-12-08-202112082207034488",
    "old-2021-12-08-202112082207056940",
    "old-2021-12-08-202112082207073610",
    "old-2021-12-08-202112082207090389",
    "old-2021-12-08-202112082207111929",
    "old-2021-12-08-202112082207168450",
    "post-2021-12-01-init",
    "post-2021-12-08-202112082206672930",
    "post-2021-12-08-202112082206703990",
    "post-2021-12-08-202112082206704122",
    "post-2021-12-08-202112082206710723",
    "post-2021-12-08-202112082206717618",
    "post-2021-12-08-202112082206735975",
    "post-2021-12-08-202112082206748961",
    "post-2021-12-08-202112082206749391",
    "post-2021-12-08-202112082206757673",
    "post-2021-12-08-202112082206779752",
    "post-2021-12-08-202112082206781916",
    "post-2021-12-08-202112082206797286",
    "post-2021-12-08-202112082206890854",
    "post-2021-12-08-202112082206891114",
    "post-2021-12-08-202112082206928461",
    "post-2021-12-08-202112082206945215",
    "post-2021-12-23-NW202112232224415618",
    "post-2022-05-26-202205262391921712",
    "post-202205262391921712",
    "typography-emphasis",
    "typography-excerpt" [options],
    "typography-headings",
    "typography-linebreaks",
    "typography-spacing" [options],
}

/// The seed post: the full EastMoney article with three section headings.
pub fn seed() -> &'static Fixture {
    fixture("post-2021-12-23-NW202112232224415618")
}

pub fn fixture(name: &str) -> &'static Fixture {
    FIXTURES
        .iter()
        .find(|f| f.name == name)
        .expect("a listed fixture")
}

/// A JS value from JSON text (an options bag).
pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

/// A JS value as serde_json sees it, through `JSON.stringify`.
pub fn to_json(value: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(value)
        .expect("stringify")
        .as_string()
        .expect("a string");
    serde_json::from_str(&text).expect("JSON")
}

/// The `code` and `message` of a thrown value, as the fixtures record an error.
pub fn error_json(error: &JsValue) -> Value {
    let error: &js_sys::Error = error.dyn_ref().expect("an Error object is thrown");
    let code = js_sys::Reflect::get(error, &"code".into()).expect("code");
    json!({ "error": { "code": code.as_string(), "message": String::from(error.message()) } })
}

/// The thrown value's `code`.
pub fn error_code(error: &JsValue) -> String {
    error_json(error)["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The stages `timings: true` reports (see `render` in src/lib.rs).
pub const STAGES: &[&str] = &[
    "split",
    "frontMatter",
    "trailer",
    "markdown",
    "parse",
    "clean",
    "derive",
];

/// Errors reach JS as `Error` objects with the core's stable codes.
pub fn assert_errors_are_typed() {
    let code = |raw: &str, options: JsValue| {
        error_code(
            &finews_reader::wasm::render_post(raw, options)
                .expect_err(raw)
                .into(),
        )
    };
    assert_eq!(code("", JsValue::UNDEFINED), "empty");
    assert_eq!(code("  \n\t", JsValue::UNDEFINED), "empty");
    assert_eq!(code("\0\0\0binary", JsValue::UNDEFINED), "binary");
    assert_eq!(
        code("---\ntitle: \"\"\n---\n", JsValue::UNDEFINED),
        "no-content"
    );
    let tiny = js(r#"{"limits":{"maxInputBytes":10}}"#);
    assert_eq!(code(seed().input, tiny), "too-large");
}

/// `timings: true` adds every stage's time from the environment's clock; off, none.
pub fn assert_timings() {
    let render = |options: JsValue| {
        to_json(&finews_reader::wasm::render_post(seed().input, options).expect("renders"))
    };
    let article = render(js(r#"{"timings":true}"#));
    let stages = article["timings_ms"].as_object().expect("timings_ms");
    assert_eq!(stages.len(), STAGES.len(), "{stages:?}");
    for stage in STAGES {
        assert!(
            stages[*stage].as_f64().is_some_and(|ms| ms >= 0.0),
            "{stage}: {stages:?}"
        );
    }
    assert!(render(JsValue::UNDEFINED).get("timings_ms").is_none());
}

/// The fixture's options as a JS value (`undefined` when it has none).
pub fn options_of(fixture: &Fixture) -> JsValue {
    fixture.options.map_or(JsValue::UNDEFINED, js)
}

/// Compares one result of the JS binding with the native fixture; `Err` holds a diff.
pub fn compare(fixture: &Fixture, result: Result<JsValue, JsValue>) -> Result<(), String> {
    let got = match &result {
        Ok(article) => to_json(article),
        Err(error) => error_json(error),
    };
    let want: Value = serde_json::from_str(fixture.expected_json).expect("expected.json");
    if got != want {
        let got = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
        let diff = similar::TextDiff::from_lines(fixture.expected_json, &got);
        return Err(format!(
            "{}/expected.json:\n{}",
            fixture.name,
            diff.unified_diff().context_radius(2)
        ));
    }
    let html = got["html"]
        .as_str()
        .map(|h| format!("{h}\n"))
        .unwrap_or_default();
    let violations = finews_reader::contract::violations(&html);
    if !violations.is_empty() {
        return Err(format!("{}: html contract: {violations:?}", fixture.name));
    }
    if html != fixture.expected_html {
        return Err(format!("{}/expected.html differs:\n{html}", fixture.name));
    }
    Ok(())
}

/// Runs `render` on every fixture and fails with every difference at once.
pub fn assert_all_fixtures(render: impl Fn(&Fixture) -> Result<JsValue, JsValue>) {
    let failures: Vec<String> = FIXTURES
        .iter()
        .filter_map(|f| compare(f, render(f)).err())
        .collect();
    assert!(FIXTURES.len() >= 31, "every corpus post is a fixture");
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
