//! Bad and hostile input: never a panic or a stack overflow; a result with warnings, or
//! a typed error when nothing can be produced. Sizes are those of SPEC §4 and issue 5.

mod common;

use finews_reader::{
    render_bytes, render_post, render_post_with, Error, Limits, Options, WarningCode,
};

fn post(body: &str) -> String {
    format!("---\ntitle: 测试\ndate: 2021-12-08 10:46:18\n---\n{body}")
}

fn has(article: &finews_reader::Article, code: WarningCode) -> bool {
    article.warnings.iter().any(|w| w.code == code)
}

#[test]
fn no_front_matter() {
    let a = render_post("离岸人民币兑美元升至6.3512。").unwrap();
    assert!(has(&a, WarningCode::NoFrontMatter));
    assert_eq!(a.title, "离岸人民币兑美元升至6.3512");
    assert_eq!(a.html, "<p>离岸人民币兑美元升至6.3512。</p>");
}

#[test]
fn invalid_yaml_everywhere() {
    let a =
        render_post("---\n: : :\n  - [unclosed\ntitle: \"a\"b\"\n\t\tbad: {\n---\n正文。").unwrap();
    assert!(has(&a, WarningCode::FrontMatterRecovered));
    assert_eq!(a.text, "正文。");
}

#[test]
fn empty_and_blank_input_is_a_typed_error() {
    assert_eq!(render_post(""), Err(Error::Empty));
    assert_eq!(render_post(" \n\r\n\t"), Err(Error::Empty));
    assert_eq!(render_post("\u{feff}").unwrap_err().code(), "empty");
}

#[test]
fn only_fences() {
    assert_eq!(render_post("---").unwrap_err(), Error::NoContent);
    assert_eq!(render_post("---\n---").unwrap_err(), Error::NoContent);
    assert_eq!(
        render_post("---\n---\n---").unwrap_err(),
        Error::NoContent,
        "a lone rule is no content"
    );
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(
        render_bytes(&garbage, &Options::default()).unwrap_err(),
        Error::Binary
    );
    // Text with a few stray bytes is rendered, the bytes replaced.
    let mut mostly_text = post("正文。").into_bytes();
    mostly_text.extend_from_slice(&[0xff, 0xfe, b'x']);
    let a = render_bytes(&mostly_text, &Options::default()).unwrap();
    assert!(has(&a, WarningCode::InvalidText));
    assert!(a.text.starts_with("正文。"));
}

#[test]
fn control_characters_are_dropped_with_a_warning() {
    let a = render_post(&post("正\u{7}文\u{1b}。")).unwrap();
    assert_eq!(a.text, "正文。");
    assert!(has(&a, WarningCode::InvalidText));
}

#[test]
fn too_large_is_refused() {
    let options = Options {
        limits: Limits {
            max_input_bytes: 1000,
            ..Limits::default()
        },
        ..Options::default()
    };
    let err = render_post_with(&post(&"字".repeat(1000)), &options).unwrap_err();
    assert_eq!(err.code(), "too-large");
}

#[test]
fn ten_megabyte_post() {
    let paragraph = include_str!("fixtures/post-2021-12-23-NW202112232224415618/input.md");
    let body = paragraph.split("---\n").nth(2).unwrap();
    let raw = post(&body.repeat(10 << 20 >> 13));
    assert!(raw.len() > 10_000_000);
    let a = render_post(&raw).unwrap();
    assert!(a.stats.cjk_characters > 2_000_000);
    assert_eq!(a.stocks.len(), 1, "the same chart many times is one stock");
}

#[test]
fn hundred_thousand_nested_tags() {
    for tag in [
        "div",
        "b",
        "span",
        "p",
        "a",
        "table",
        "li",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "dd",
    ] {
        let raw = post(&(format!("<{tag}>").repeat(100_000) + "深处的字"));
        let a = render_post(&raw).unwrap();
        assert!(a.text.contains("深处的字"), "<{tag}>: text lost");
        assert!(
            has(&a, WarningCode::NestingLimited) || ["p", "li", "dd"].contains(&tag),
            "<{tag}>: no warning"
        );
        common::assert_html_contract(&a.html);
    }
}

#[test]
fn hundred_thousand_unclosed_paragraphs_keep_their_structure() {
    let raw = post(&"<p>一段".repeat(100_000));
    let a = render_post(&raw).unwrap();
    assert_eq!(a.stats.paragraphs, 100_000);
    assert!(!has(&a, WarningCode::NestingLimited));
}

#[test]
fn ten_thousand_chart_blocks() {
    let block = |i: u32| {
        format!(
            r#"<!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://quote.eastmoney.com/unify/r/1.{i:06}" data-code="{i:06}|1|1" class="EmImageRemark"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=1.{i:06}&token=abc"></a></p><!-- EM_StockImg_End -->"#
        )
    };
    let raw = post(&(0..10_000).map(block).collect::<String>());
    let a = render_post(&raw).unwrap();
    assert_eq!(a.stocks.len(), 500, "the default limit");
    assert!(has(&a, WarningCode::StocksLimited));
    assert_eq!(a.html.matches("stock-chip").count(), 10_000);
    common::assert_html_contract(&a.html);
}

#[test]
fn megabyte_line_without_spaces() {
    let raw = post(&"a".repeat(1 << 20));
    let a = render_post(&raw).unwrap();
    assert_eq!(a.stats.characters, 1 << 20);
    let a = render_post_with(
        &post(&"中a".repeat(1 << 19)),
        &Options {
            cjk_spacing: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(a.html.len() > 1 << 20);
}

#[test]
fn hundred_thousand_attributes() {
    let attrs: String = (0..100_000)
        .map(|i| format!(" a{i}=\"{i}\" onclick{i}=\"x()\""))
        .collect();
    let a = render_post(&post(&format!("<p{attrs}>好</p>"))).unwrap();
    assert_eq!(a.html, "<p>好</p>");
}

#[test]
fn megabyte_front_matter() {
    let mut yaml = String::from("title: 大\n");
    for i in 0..40_000 {
        yaml.push_str(&format!("key{i}: value {i}\n"));
    }
    let a = render_post(&format!("---\n{yaml}---\n正文。")).unwrap();
    assert_eq!(a.front_matter.len(), 40_001);
    // Deep flow collections must not overflow the parser's stack.
    let deep = format!("---\ntitle: 深\nx: {}\n---\n正文。", "[".repeat(1 << 20));
    let a = render_post(&deep).unwrap();
    assert_eq!(a.text, "正文。");
}

#[test]
fn hundred_thousand_nested_markdown_levels_keep_their_text() {
    let kinds = [">", "> ", "- ", "* ", "+ ", "1. ", "9) ", "* > ", "> 1. "];
    for prefix in kinds {
        // At the top of the body (where a digest would be), and after a paragraph.
        for lead in ["", "前言。\n\n"] {
            let raw = post(&format!("{lead}{}深处的字", prefix.repeat(100_000)));
            let a = render_post(&raw).unwrap();
            assert!(a.text.contains("深处的字"), "{prefix:?} after {lead:?}");
            assert!(has(&a, WarningCode::NestingLimited), "{prefix:?}");
            common::assert_html_contract(&a.html);
        }
    }
    let lines: String = (0..20_000)
        .map(|i| format!("{}行\n", "> ".repeat(i % 300)))
        .collect();
    let a = render_post(&post(&lines)).unwrap();
    assert_eq!(a.text.matches('行').count(), 20_000);
}

#[test]
fn unknown_market_and_widget() {
    let raw = post(
        r#"<a class="EmImageRemark" data-code="X|999|1" href="x"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?x"></a><a class="EmImageRemark"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx"></a><p>好。</p>"#,
    );
    let a = render_post(&raw).unwrap();
    assert_eq!(a.stocks[0].market, "MKT-999");
    assert!(has(&a, WarningCode::UnknownMarket));
    assert!(has(&a, WarningCode::UnknownWidget));
}

#[test]
fn twenty_thousand_identical_headings_stay_linear() {
    let raw = post(&"<p><strong>标题</strong></p><p>正文。</p>".repeat(20_000));
    let a = render_post(&raw).unwrap();
    assert_eq!(a.toc.len(), 20_000);
    assert_eq!(a.toc[19_999].id, "标题-20000");
    // Ids taken by other headings are skipped, never repeated.
    let raw = post(
        "<p><strong>标题-2</strong></p><p><strong>标题</strong></p><p><strong>标题</strong></p>",
    );
    let ids: Vec<String> = render_post(&raw)
        .unwrap()
        .toc
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["标题-2", "标题", "标题-3"]);
}

#[test]
fn kramdown_features_at_scale_stay_linear() {
    // 20,000 footnotes, each referenced twice; 64 abbreviations over a megabyte of text;
    // a table of contents of 20,000 headings; 100,000 attribute lists.
    let refs: String = (0..20_000)
        .map(|i| format!("字[^{i}]又[^{i}]。\n"))
        .collect();
    let notes: String = (0..20_000).map(|i| format!("[^{i}]: 注{i}\n")).collect();
    let a = render_post(&post(&format!("{refs}\n{notes}"))).unwrap();
    assert_eq!(a.html.matches("<li id=\"fn:").count(), 20_000);
    assert_eq!(a.html.matches("<sup id=\"fnref:").count(), 20_000);

    let defs: String = (0..100).map(|i| format!("*[A{i}]: 缩写{i}\n")).collect();
    let text = "A1 与 A2 的 A63 文字。".repeat(1 << 15);
    let a = render_post(&post(&format!("{text}\n\n{defs}"))).unwrap();
    assert_eq!(a.html.matches("<abbr").count(), 3 << 15);

    let headings: String = (0..20_000)
        .map(|i| format!("## 第{i}节\n\n正文。\n\n"))
        .collect();
    let a = render_post(&post(&format!("* 目录\n{{:toc}}\n\n{headings}"))).unwrap();
    assert_eq!(a.html.matches("<a href=\"#第").count(), 20_000);

    let lists = "段落。\n{: .x #y}\n*强调*{: .z}\n".repeat(100_000);
    let a = render_post(&post(&lists)).unwrap();
    assert!(!a.text.contains("{:"));
    common::assert_html_contract(&a.html);
}
