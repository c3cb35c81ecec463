//! The JS binding under Node (`wasm-pack test --node`): no DOM, but the same renders,
//! options, errors, clock and `loadPost` (Node's global `fetch`).
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use finews_reader::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use wasm_support::*;

#[wasm_bindgen_test]
fn every_fixture_renders_as_natively() {
    assert_all_fixtures(|f| wasm::render_post(f.input, options_of(f)).map_err(JsValue::from));
}

#[wasm_bindgen_test]
fn options_default_partial_and_invalid() {
    let seed = seed();
    let default = to_json(&wasm::render_post(seed.input, JsValue::UNDEFINED).expect("renders"));
    for same in [
        JsValue::NULL,
        js("{}"),
        js(r#"{"limits":{"maxNesting":128}}"#),
    ] {
        assert_eq!(
            to_json(&wasm::render_post(seed.input, same).expect("renders")),
            default
        );
    }
    let text = to_json(
        &wasm::render_post(
            seed.input,
            js(r#"{"inlineQuotes":"text","headings":false}"#),
        )
        .expect("renders"),
    );
    assert!(
        text["toc"].as_array().is_some_and(Vec::is_empty),
        "no headings promoted"
    );

    for bad in [
        r#"{"stockCharts":"bogus"}"#,
        r#"{"limits":{"maxDepth":3}}"#,
        r#"{"excerptLength":-1}"#,
        r#""chip""#,
    ] {
        let error: JsValue = wasm::render_post(seed.input, js(bad))
            .expect_err(bad)
            .into();
        assert_eq!(error_code(&error), "invalid-options", "{bad}");
        assert!(error_json(&error)["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("invalid options")));
    }
}

#[wasm_bindgen_test]
fn errors_are_typed() {
    assert_errors_are_typed();
}

#[wasm_bindgen_test]
fn timings_use_performance_now() {
    assert_timings();
}

#[wasm_bindgen_test]
fn parse_front_matter_is_the_article_s_metadata() {
    for f in FIXTURES
        .iter()
        .filter(|f| !f.expected_json.contains("\"error\""))
    {
        let fm = to_json(&wasm::parse_front_matter(f.input).expect("parses"));
        let article: serde_json::Value = serde_json::from_str(f.expected_json).expect("json");
        for key in ["date", "categories", "tags", "frontMatter"] {
            assert_eq!(fm[key], article[key], "{}: {key}", f.name);
        }
    }
}

#[wasm_bindgen_test]
async fn load_post_fetches_data_urls_and_rejects_network_errors() {
    let seed = seed();
    let url = format!(
        "data:text/markdown;charset=utf-8,{}",
        js_sys::encode_uri_component(seed.input)
    );
    compare(
        seed,
        wasm::load_post(url, JsValue::UNDEFINED)
            .await
            .map_err(JsValue::from),
    )
    .expect("loadPost");

    let error = wasm::load_post("http://127.0.0.1:9/post.md".into(), JsValue::UNDEFINED)
        .await
        .expect_err("nothing listens on port 9");
    assert_eq!(error_code(&error.into()), "fetch");
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn the_fixture_comparison_catches_differences() {
    let seed = seed();
    let article = wasm::render_post(seed.input, JsValue::UNDEFINED).expect("renders");
    assert!(compare(seed, Ok(article.clone())).is_ok());
    let mut tampered = to_json(&article);
    tampered["stats"]["readingMinutes"] = 99.into();
    assert!(compare(seed, Ok(js(&tampered.to_string()))).is_err());
    let error = js_sys::Error::new("the post is empty");
    assert!(compare(seed, Err(error.into())).is_err());
}
