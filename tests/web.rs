//! The JS binding in real browsers (`wasm-pack test --headless --chrome` / `--firefox`):
//! every fixture renders exactly as natively, `renderInto` builds a safe, well-formed
//! `<article>` in the real DOM, options and errors behave, `loadPost` fetches.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use finews_reader::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use wasm_support::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh `<div>` in the page, holding some old content `renderInto` must replace.
fn container() -> Element {
    let doc = document();
    let div = doc.create_element("div").expect("div");
    div.set_inner_html("<p class=old>old content</p>");
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    let found = all(root, selector);
    assert_eq!(found.len(), 1, "exactly one {selector}");
    found.into_iter().next().expect("one")
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn every_fixture_renders_as_natively() {
    assert_all_fixtures(|f| wasm::render_post(f.input, options_of(f)).map_err(JsValue::from));
}

#[wasm_bindgen_test]
fn render_into_returns_the_same_article_as_render_post() {
    assert_all_fixtures(|f| {
        let div = container();
        let result = wasm::render_into(&div, f.input, options_of(f)).map_err(JsValue::from);
        div.remove();
        result
    });
}

#[wasm_bindgen_test]
fn render_into_builds_the_article_structure() {
    let seed = seed();
    let div = container();
    let article =
        to_json(&wasm::render_into(&div, seed.input, JsValue::UNDEFINED).expect("renders"));

    assert!(all(&div, ".old").is_empty(), "old children are replaced");
    assert_eq!(div.child_element_count(), 1);
    let root = one(&div, ":scope > article.finews-article");
    assert_eq!(text(&one(&root, ":scope > header > h1")), article["title"]);
    let time = one(&root, "header time[datetime]");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        article["date"].as_str()
    );
    assert_eq!(text(&time), "2021年12月23日 19:17");
    let tags: Vec<String> = all(&root, "header ul.finews-tags > li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(tags, ["dazhongzhengquanbao", "大众证券报新闻"]);
    let minutes = article["stats"]["readingMinutes"]
        .as_u64()
        .expect("minutes");
    assert!(text(&one(&root, ".finews-meta")).contains(&format!("约 {minutes} 分钟")));
    assert!(
        all(&root, ".finews-digest").is_empty(),
        "the seed has no `> ` digest"
    );

    let body = one(&root, ":scope > div.finews-body");
    assert_eq!(body.inner_html(), article["html"].as_str().expect("html"));
    let headings: Vec<String> = all(&body, "h2").iter().map(text).collect();
    assert_eq!(headings.len(), 3, "three section headings: {headings:?}");
    assert!(headings[0].starts_with("以人民为中心"));
    assert!(headings[1].starts_with("聚焦服务品质"));
    assert!(headings[2].starts_with("关爱老年群体"));

    let original = one(&root, ":scope > footer > .finews-original > a[href]");
    assert_eq!(
        original.get_attribute("href").as_deref(),
        article["originalUrl"].as_str()
    );
    assert_eq!(text(&original), "阅读原文");
    assert_eq!(original.get_attribute("target").as_deref(), Some("_blank"));
    let nav: Vec<_> = all(&root, ":scope > footer > nav > a")
        .iter()
        .map(|a| (text(a), a.get_attribute("href")))
        .collect();
    let links: Vec<_> = article["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| {
            (
                l["text"].as_str().unwrap_or_default().to_owned(),
                l["href"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(nav, links);
    assert_eq!(nav.len(), 2, "返回大众证券报新闻, 返回首页");
    div.remove();
}

#[wasm_bindgen_test]
fn rendered_dom_is_safe_for_every_fixture() {
    for f in FIXTURES {
        let div = container();
        if wasm::render_into(&div, f.input, options_of(f)).is_err() {
            div.remove();
            continue;
        }
        assert!(
            all(&div, "[style]").is_empty(),
            "{}: a style attribute",
            f.name
        );
        // The body as the browser parsed it still meets the contract (no mutation XSS),
        // once the scrolling regions renderInto puts tables in are taken out again.
        let body = one(&div, ".finews-body");
        for region in all(&body, ".finews-table") {
            let table = one(&region, ":scope > table");
            region.replace_with_with_node_1(&table).expect("unwrap");
        }
        let body = body.inner_html();
        let violations = finews_reader::contract::violations(&body);
        assert!(violations.is_empty(), "{}: {violations:?}", f.name);
        assert!(
            all(&div, "script, iframe, object, form, style").is_empty(),
            "{}",
            f.name
        );
        for a in all(&div, "a[href]") {
            let href = a.get_attribute("href").unwrap_or_default();
            // A link within the page (the table of contents, footnotes) leaves nothing.
            if finews_reader::urls::is_fragment(&href) {
                continue;
            }
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{}: {href}",
                f.name
            );
            // A link that opens elsewhere never hands that page a handle on this one
            // (links on the base's own host open in place).
            let rel = a.get_attribute("rel").unwrap_or_default();
            assert!(
                !a.has_attribute("target") || rel.split(' ').any(|r| r == "noopener"),
                "{}: {href} lacks noopener",
                f.name
            );
        }
        for img in all(&div, "img") {
            assert!(!img
                .get_attribute("src")
                .unwrap_or_default()
                .contains("GetPic.aspx"));
            assert_eq!(
                img.get_attribute("referrerpolicy").as_deref(),
                Some("no-referrer")
            );
        }
        div.remove();
    }
}

#[wasm_bindgen_test]
fn render_into_puts_each_table_in_a_scrolling_region() {
    let wide = fixture("em-wide-table");
    let div = container();
    let article =
        to_json(&wasm::render_into(&div, wide.input, JsValue::UNDEFINED).expect("renders"));
    let tables = article["html"]
        .as_str()
        .expect("html")
        .matches("<table>")
        .count();
    let regions = all(&div, ".finews-body > .finews-table");
    assert_eq!(regions.len(), tables, "a region per table");
    for region in regions {
        assert_eq!(region.get_attribute("role").as_deref(), Some("region"));
        assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"));
        assert!(region.get_attribute("aria-label").is_some());
        assert_eq!(all(&region, ":scope > table").len(), 1);
    }
    assert!(
        all(&div, ".finews-body > table").is_empty(),
        "no table left outside"
    );
    div.remove();
}

#[wasm_bindgen_test]
fn render_into_shows_original_title_disclaimer_and_editor() {
    let post = fixture("em-full-article-older-layout");
    let div = container();
    let article =
        to_json(&wasm::render_into(&div, post.input, JsValue::UNDEFINED).expect("renders"));
    let root = one(&div, "article.finews-article");
    let original = one(&root, ":scope > header > .finews-original-title");
    assert_eq!(
        text(&original),
        format!(
            "原标题：{}",
            article["originalTitle"].as_str().expect("a title")
        )
    );
    // The disclaimer in small print after the body, a paragraph a line, as text.
    let disclaimer = one(&root, ":scope > .finews-body + aside.finews-disclaimer");
    let lines: Vec<String> = all(&disclaimer, ":scope > p").iter().map(text).collect();
    let expected: Vec<&str> = article["disclaimer"]
        .as_str()
        .expect("a disclaimer")
        .lines()
        .collect();
    assert_eq!(lines, expected);
    assert!(lines[1].starts_with("郑重声明"));
    // The editor in the footer.
    let editor = one(&root, ":scope > footer > .finews-editor");
    assert_eq!(text(&editor), "责任编辑：DF515");
    // None of it in the body.
    let body = text(&one(&root, ".finews-body"));
    assert!(!body.contains("郑重声明") && !body.contains("责任编辑") && !body.contains("原标题"));
    div.remove();
}

#[wasm_bindgen_test]
fn render_into_sets_metadata_as_text_never_as_html() {
    let raw = "---\ntitle: \"<img src=x onerror=alert(1)>标题\"\ntags: <b>标签</b>\n---\n\n正文。";
    let div = container();
    wasm::render_into(&div, raw, JsValue::UNDEFINED).expect("renders");
    let h1 = one(&div, "h1");
    assert_eq!(text(&h1), "<img src=x onerror=alert(1)>标题");
    assert_eq!(h1.child_element_count(), 0, "the title is text");
    assert!(all(&div, "img, b").is_empty());
    assert_eq!(text(&one(&div, ".finews-tags li")), "<b>标签</b>");
    div.remove();
}

#[wasm_bindgen_test]
fn render_into_shows_a_digest_lead_only_when_it_adds_something() {
    let nio = fixture("post-2022-05-26-202205262391921712");
    let div = container();
    let article =
        to_json(&wasm::render_into(&div, nio.input, JsValue::UNDEFINED).expect("renders"));
    assert_eq!(text(&one(&div, "header .finews-digest")), article["digest"]);
    assert_eq!(
        all(&div, "footer nav a").len(),
        article["links"].as_array().map_or(0, Vec::len)
    );

    // A plain-text post: its digest is its body, so no lead.
    let plain = fixture("post-2021-12-08-202112082206703990");
    let article =
        to_json(&wasm::render_into(&div, plain.input, JsValue::UNDEFINED).expect("renders"));
    assert!(article["digest"].is_string());
    assert!(all(&div, ".finews-digest").is_empty());
    assert_eq!(
        div.child_element_count(),
        1,
        "a second render replaces the first"
    );
    div.remove();
}

#[wasm_bindgen_test]
fn invalid_options_throw_invalid_options_and_leave_the_element_alone() {
    let seed = seed();
    for bad in [
        r#"{"stockCharts":"bogus"}"#,
        r#"{"noSuchOption":1}"#,
        r#"{"headings":"yes"}"#,
        "42",
    ] {
        let error: JsValue = wasm::render_post(seed.input, js(bad))
            .expect_err(bad)
            .into();
        assert_eq!(error_code(&error), "invalid-options", "{bad}");
        assert!(error.is_instance_of::<js_sys::Error>());

        let div = container();
        let error: JsValue = wasm::render_into(&div, seed.input, js(bad))
            .expect_err(bad)
            .into();
        assert_eq!(error_code(&error), "invalid-options", "{bad}");
        assert_eq!(all(&div, ".old").len(), 1, "nothing rendered on error");
        div.remove();
    }
}

#[wasm_bindgen_test]
fn missing_null_empty_and_partial_options() {
    let seed = seed();
    let default = to_json(&wasm::render_post(seed.input, JsValue::UNDEFINED).expect("renders"));
    for same in [
        JsValue::NULL,
        js("{}"),
        js(r#"{"stockCharts":"chip","limits":{}}"#),
    ] {
        assert_eq!(
            to_json(&wasm::render_post(seed.input, same).expect("renders")),
            default
        );
    }
    let removed = to_json(
        &wasm::render_post(seed.input, js(r#"{"stockCharts":"remove"}"#)).expect("renders"),
    );
    assert!(default["html"]
        .as_str()
        .expect("html")
        .contains("stock-chip"));
    assert!(!removed["html"]
        .as_str()
        .expect("html")
        .contains("stock-chip"));
    assert_eq!(
        removed["stocks"], default["stocks"],
        "charts are still listed"
    );

    let div = container();
    wasm::render_into(&div, seed.input, js(r#"{"linkTarget":null}"#)).expect("renders");
    assert!(all(&div, "a[target]").is_empty());
    div.remove();
}

#[wasm_bindgen_test]
fn errors_are_typed() {
    assert_errors_are_typed();
}

#[wasm_bindgen_test]
fn timings_use_the_browser_clock() {
    assert_timings();
}

#[wasm_bindgen_test]
fn parse_front_matter_and_version() {
    let fm = to_json(&wasm::parse_front_matter(seed().input).expect("parses"));
    assert_eq!(fm["date"], "2021-12-23T19:17:04+08:00");
    assert_eq!(fm["tags"], serde_json::json!(["大众证券报新闻"]));
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

/// A Blob URL: the test server serves only its own files.
fn blob_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/markdown;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("object URL")
}

#[wasm_bindgen_test]
async fn load_post_fetches_and_renders() {
    let seed = seed();
    let url = blob_url(seed.input);
    let result = wasm::load_post(url.clone(), JsValue::UNDEFINED)
        .await
        .map_err(JsValue::from);
    web_sys::Url::revoke_object_url(&url).expect("revoke");
    compare(seed, result).expect("loadPost renders as renderPost");
}

#[wasm_bindgen_test]
async fn load_post_rejects_with_fetch_on_404_and_network_errors() {
    let error: JsValue =
        wasm::load_post("/finews-reader-no-such-post.md".into(), JsValue::UNDEFINED)
            .await
            .expect_err("404")
            .into();
    assert_eq!(error_code(&error), "fetch");
    assert!(error_json(&error)["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("404"));

    // Port 9 (discard) is closed here: a network failure, not an HTTP status.
    let error = wasm::load_post("http://127.0.0.1:9/post.md".into(), JsValue::UNDEFINED)
        .await
        .expect_err("network");
    assert_eq!(error_code(&error.into()), "fetch");

    let error = wasm::load_post(blob_url("x"), js(r#"{"bogus":true}"#))
        .await
        .expect_err("options");
    assert_eq!(error_code(&error.into()), "invalid-options");
}
