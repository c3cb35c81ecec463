//! One focused test per quirk of SPEC §1–2, on real corpus text.

mod common;

use finews_reader::{
    render_post, render_post_with, InlineQuotes, Options, StockCharts, StockSource, WarningCode,
};

const SEED: &str = include_str!("fixtures/post-2021-12-23-NW202112232224415618/input.md");
const NIO: &str = include_str!("fixtures/post-2022-05-26-202205262391921712/input.md");
const NIO_EMPTY_TITLE: &str = include_str!("fixtures/post-202205262391921712/input.md");

fn codes(article: &finews_reader::Article) -> Vec<WarningCode> {
    article.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn seed_post_meets_the_done_criteria() {
    let a = render_post(SEED).unwrap();
    assert_eq!(a.date.as_deref(), Some("2021-12-23T19:17:04+08:00"));
    assert_eq!(a.categories, ["dazhongzhengquanbao"]);
    assert_eq!(a.tags, ["大众证券报新闻"]);
    assert!(a
        .stocks
        .iter()
        .any(|s| s.code == "601628" && s.market == "SH" && s.from == StockSource::Chart));
    assert_eq!(a.source.as_deref(), Some("大众证券报"));
    let toc: Vec<(&str, u8)> = a.toc.iter().map(|t| (t.text.as_str(), t.level)).collect();
    assert_eq!(
        toc,
        [
            ("以人民为中心，不断筑牢民生保障底线", 2),
            ("聚焦服务品质，助力完善医疗保障体系", 2),
            ("关爱老年群体，推动民生事业发展", 2),
        ]
    );
    assert_eq!(
        a.original_url.as_deref(),
        Some("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202112232224415618")
    );
    let hrefs: Vec<&str> = a.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "https://finews.withounder.com/category/dazhongzhengquanbao.html",
            "https://finews.withounder.com/"
        ]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn no_cjk_character_of_the_body_is_lost() {
    for raw in [SEED, NIO] {
        let a = render_post(raw).unwrap();
        let body = raw.split("<http").next().unwrap();
        // Every paragraph of the source HTML, less the source line and hidden paragraph.
        let doc = scraper::Html::parse_fragment(body);
        let p = scraper::Selector::parse("p:not(.em_media)").unwrap();
        for para in doc.select(&p) {
            let expected: String = para
                .text()
                .collect::<String>()
                .chars()
                .filter(|c| finews_reader::typography::is_cjk(*c))
                .collect();
            let text: String = a
                .text
                .chars()
                .filter(|c| finews_reader::typography::is_cjk(*c))
                .collect();
            assert!(text.contains(&expected), "lost: {expected}");
        }
    }
}

#[test]
fn crlf_and_lf_versions_render_alike() {
    let lf = render_post(include_str!(
        "fixtures/lf-2021-12-23-NW202112232224415618/input.md"
    ))
    .unwrap();
    let crlf = render_post(SEED).unwrap();
    assert_eq!(lf.html, crlf.html);
    assert!(!crlf.html.contains('\r'));
    let bom = render_post(&format!("\u{feff}{}", SEED.replace('\n', "\r\n"))).unwrap();
    assert_eq!(bom.html, crlf.html);
    assert_eq!(bom.title, crlf.title);
}

#[test]
fn empty_title_and_date_fall_back_with_warnings() {
    let a = render_post(NIO_EMPTY_TITLE).unwrap();
    assert!(a.title.starts_with("据霍尼韦尔官网消息"));
    assert_eq!(a.date, None);
    assert_eq!(a.original_url, None, "an empty autolink `<>` is no URL");
    assert_eq!(
        codes(&a),
        [WarningCode::DateMissing, WarningCode::TitleMissing]
    );
}

#[test]
fn unescaped_quote_in_title_is_recovered() {
    let raw = "---\nlayout: post\ntitle: \"茅台称\"不涨价\" 股价大涨\"\ndate: 2021-12-08 12:41:23\ncategories: emnews\ntags: 东财滚动新闻 快讯\n---\n\n正文。";
    let a = render_post(raw).unwrap();
    assert_eq!(a.title, "茅台称\"不涨价\" 股价大涨");
    assert_eq!(a.tags, ["东财滚动新闻", "快讯"]);
    assert_eq!(a.front_matter["layout"], "post");
    assert_eq!(codes(&a), [WarningCode::FrontMatterRecovered]);
}

#[test]
fn blank_line_before_front_matter_and_offsetless_dates() {
    let a = render_post(include_str!(
        "fixtures/post-2021-12-08-202112082206672930/input.md"
    ))
    .unwrap();
    assert_eq!(a.title, "离岸人民币兑美元升至2018年以来最高水平");
    assert_eq!(a.date.as_deref(), Some("2021-12-08T10:46:18+08:00"));
}

#[test]
fn stock_charts_chip_or_remove() {
    let chip = render_post(NIO).unwrap();
    assert!(chip.html.starts_with(
        r#"<p><a href="https://quote.eastmoney.com/unify/r/106.NIO" class="stock-chip""#
    ));
    assert!(chip.html.contains(">蔚来 NIO.US</a>"));
    let removed = render_post_with(
        NIO,
        &Options {
            stock_charts: StockCharts::Remove,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(!removed.html.contains("stock-chip"));
    assert_eq!(
        removed.stocks, chip.stocks,
        "a removed chart is still listed"
    );
    assert!(
        removed.html.starts_with("<p>国内首款"),
        "no empty paragraph is left: {}",
        &removed.html[..80]
    );
}

#[test]
fn inline_quotes_as_links_or_text_and_deduplicated() {
    let links = render_post(NIO).unwrap();
    assert!(links.html.contains(r#"<a href="https://quote.eastmoney.com/unify/r/1.600160" class="stock" rel="noopener noreferrer" target="_blank">巨化股份</a>"#));
    let markets: Vec<(&str, &str, StockSource)> = links
        .stocks
        .iter()
        .map(|s| (s.code.as_str(), s.market.as_str(), s.from))
        .collect();
    assert_eq!(
        markets,
        [
            ("NIO", "US", StockSource::Chart),
            ("BK0493", "BK", StockSource::Inline),
            ("600160", "SH", StockSource::Inline),
            ("300343", "SZ", StockSource::Inline),
            ("600636", "SH", StockSource::Inline),
            ("BK0839", "BK", StockSource::Inline),
        ]
    );
    let text = render_post_with(
        NIO,
        &Options {
            inline_quotes: InlineQuotes::Text,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(!text.html.contains(r#"class="stock""#));
    assert!(
        !text.html.contains("data.eastmoney.com/bbsj"),
        "infokey links become text too"
    );
    assert!(text.html.contains("具体来看，巨化股份、联创股份已有"));
    assert_eq!(text.text, links.text);
}

#[test]
fn source_line_with_link_markup_is_read_and_removed() {
    let a = render_post(NIO).unwrap();
    assert_eq!(a.source.as_deref(), Some("上海证券报"));
    assert!(!a.html.contains("文章来源"));
}

#[test]
fn digest_line_and_bracketed_source() {
    let a = render_post(NIO).unwrap();
    assert!(a.digest.as_deref().unwrap().ends_with("（上海证券报）"));
    assert!(
        !a.html.contains("<blockquote>"),
        "the digest is not repeated in the body"
    );
    let plain = render_post(include_str!(
        "fixtures/post-2021-12-08-202112082206890854/input.md"
    ))
    .unwrap();
    assert_eq!(plain.source.as_deref(), Some("新华社"));
    assert_eq!(plain.digest.as_deref(), Some(plain.text.as_str()));
}

#[test]
fn photos_become_figures_with_size_from_the_file_name() {
    let a = render_post(NIO).unwrap();
    assert!(a.html.contains(r#"<figure><img src="https://dfscdn.dfcfw.com/download/D24676903417074885805_w800h555.jpg" alt="图片来源：霍尼韦尔官网" width="800" height="555" loading="lazy" decoding="async" referrerpolicy="no-referrer"><figcaption>图片来源：霍尼韦尔官网</figcaption></figure>"#));
    assert_eq!(a.images.len(), 3);
    assert_eq!(
        (a.images[1].width, a.images[1].height),
        (Some(800), Some(343))
    );
    assert_eq!(
        a.images[0].caption.as_deref(),
        Some("图片来源：霍尼韦尔官网")
    );
}

#[test]
fn headings_can_be_left_as_paragraphs() {
    let a = render_post_with(
        SEED,
        &Options {
            headings: false,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(a.toc.is_empty());
    assert!(a
        .html
        .contains("<p><strong>以人民为中心，不断筑牢民生保障底线</strong></p>"));
}

#[test]
fn heading_ids_are_unique() {
    let raw = "---\ntitle: t\n---\n<p><strong>小结</strong></p><p>一。</p><p><strong>小结</strong></p><p>二。</p>";
    let ids: Vec<String> = render_post(raw)
        .unwrap()
        .toc
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["小结", "小结-2"]);
}

#[test]
fn hidden_paragraph_and_live_quote_spans_are_gone() {
    let a = render_post(NIO).unwrap();
    assert!(!a.html.contains("display"));
    assert!(!a.html.contains("<span"));
    common::assert_html_contract(&a.html);
}

#[test]
fn trailer_links_resolve_against_base_url() {
    let raw = "---\ntitle: t\n---\n正文。\n\n<>\n\n[返回首页](../)｜[返回东财滚动新闻](./emnews/)";
    let options = Options {
        base_url: "https://example.org/news/today/".into(),
        ..Options::default()
    };
    let a = render_post_with(raw, &options).unwrap();
    let hrefs: Vec<&str> = a.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/news/",
            "https://example.org/news/today/emnews/"
        ]
    );
    assert_eq!(a.html, "<p>正文。</p>");
}

#[test]
fn link_target_can_be_turned_off() {
    let a = render_post_with(
        NIO,
        &Options {
            link_target: None,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(!a.html.contains("target="));
    assert!(a.html.contains(r#"rel="noopener noreferrer""#));
}

#[test]
fn excerpt_is_cut_at_a_sentence_end() {
    let a = render_post_with(
        SEED,
        &Options {
            excerpt_length: 60,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(a.excerpt.chars().count() <= 60);
    assert!(
        a.excerpt.ends_with('。') || a.excerpt.ends_with('…'),
        "{}",
        a.excerpt
    );
}

#[test]
fn cjk_spacing_is_off_by_default_and_on_when_asked() {
    assert!(render_post(NIO).unwrap().html.contains("旗下ET7"));
    let spaced = render_post_with(
        NIO,
        &Options {
            cjk_spacing: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(spaced.html.contains("旗下 ET7"), "{}", &spaced.html[..600]);
    assert!(
        spaced.html.contains("5月24日"),
        "numbers with units stay together"
    );
    assert!(
        spaced
            .html
            .contains("https://quote.eastmoney.com/unify/r/106.NIO"),
        "attributes untouched"
    );
}
