//! A body of Markdown alone is cleaned from pulldown-cmark's events directly
//! (`clean_markdown`); any other body through pulldown-cmark's HTML and html5ever
//! (`render_markdown` → `parse_html` → `clean`). For Markdown alone both must give the
//! same article: every Markdown feature the renderer enables, and every fixture body that
//! is Markdown alone, both ways.

use std::fs;
use std::path::Path;

use finews_reader::{
    clean, clean_markdown, is_markdown_alone, markdown_events, normalize, parse_html,
    render_markdown, split, Cleaned, InlineQuotes, Options,
};

/// The body both ways; `None` when it is not Markdown alone (then only the HTML way applies).
fn both_ways(body: &str, options: &Options) -> Option<(Cleaned, Cleaned)> {
    if !is_markdown_alone(body) {
        return None;
    }
    let (html, limited) = render_markdown(body, options.limits.max_nesting);
    assert!(!limited, "these bodies nest shallowly");
    let via_html = clean(&parse_html(&html, options.limits.max_nesting).html, options);
    let direct = clean_markdown(markdown_events(body), options);
    Some((direct, via_html))
}

#[track_caller]
fn assert_same(body: &str, options: &Options) {
    let Some((direct, via_html)) = both_ways(body, options) else {
        return;
    };
    assert_eq!(direct.html, via_html.html, "html of {body:?}");
    assert_eq!(direct.paragraphs, via_html.paragraphs, "text of {body:?}");
    assert_eq!(direct.prose, via_html.prose, "prose of {body:?}");
    assert_eq!(direct.toc, via_html.toc, "toc of {body:?}");
    assert_eq!(direct.images, via_html.images, "images of {body:?}");
    assert_eq!(direct.warnings, via_html.warnings, "warnings of {body:?}");
}

const FEATURES: &[&str] = &[
    "离岸人民币兑美元升至6.3512。",
    "第一段。\n\n第二段\n接着一行。",
    "# 标题一\n\n## 标题二\n\n###### 六级\n\n正文。",
    "标题\n===\n\n副标题\n---",
    "- 甲\n- 乙\n- 丙",
    "- 甲\n\n- 乙\n\n  续行\n- 丙",
    "1. 一\n2. 二",
    "3. 三\n4. 四",
    "0. 零\n1. 一",
    "1200. 太大",
    "- 外\n  - 内\n    - 更内",
    "> 引用\n> 两行\n\n> > 嵌套",
    "    缩进代码\n    第二行",
    "```rust\nfn main() {}\n```",
    "~~~ ruby linenos\nputs 1\n~~~\n\n```c++\nint x;\n```\n\n```\"><script>\nx\n```",
    "术语\n: 解释一\n: 解释二\n\nTerm\n: *Definition*",
    "## 标题 {#custom .note}\n\n正文。",
    "```\n\n空行开头\n```",
    "正文`行内代码`与**加粗**和*斜体*、~~删除~~。",
    "**重要。**但是立讯为**“最大受惠者”**。苹果*（AAPL）*股价",
    "| 代码 | 名称 |\n|---|:---:|\n| 600519 | 贵州茅台 |\n| 000858 | 五粮液 |",
    "| 只有表头 |\n|---|",
    "[链接](https://finance.eastmoney.com/a/1.html \"标题\")与[相对](../emnews/)和[空]()。",
    "[危险](javascript:alert(1))与[数据](data:text/html,x)。",
    "[邮件](mailto:a@b.cn)，[电话](tel:123)。",
    "![图片 *说明*](https://np-newspic.dfcfw.com/a_w800h450.jpg \"题\")",
    "![](https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=1.600519)",
    "图前文字![小图](//dfscdn.dfcfw.com/x.png)图后文字。",
    "硬换行  \n下一行\\\n再下一行",
    "上\n\n---\n\n下\n\n***",
    "实体&amp;与&lt;号&gt;、&copy;、&#x4e2d;&#20013;、&nbsp;空格。",
    "转义\\*星号\\*与\\_下划线\\_。",
    "**粗体段落标题**\n\n正文。",
    "*只有斜体的一段*",
    "想炒股，先开户！选东方财富证券&gt;&gt;\n\n正文。\n\n（责任编辑：张三）",
    "原标题：旧标题\n\n正文。",
    "正文。\n\n风险提示：市场有风险。\n\n郑重声明：不构成投资建议。",
    "   \n\n\t缩进空白\n\n",
    "链接[**加粗链接**](https://a.cn/)与[`代码`](https://a.cn/b)。",
    "[[嵌套]](https://a.cn/)[文本](https://a.cn/ \"t\" )",
    "* [ ] 任务\n* [x] 完成",
    "行尾反斜杠\\",
    "H~2~O 与 x^2^",
    "| a | b |\n|---|---|\n| `c|d` | **e** |\n| 1 |",
];

#[test]
fn every_markdown_feature_cleans_alike_both_ways() {
    let other = Options {
        inline_quotes: InlineQuotes::Text,
        headings: false,
        cjk_spacing: true,
        link_target: None,
        base_url: "https://example.org/a/b/".to_owned(),
        ..Options::default()
    };
    for body in FEATURES {
        assert_same(body, &Options::default());
        assert_same(body, &other);
    }
}

#[test]
fn every_fixture_body_of_markdown_alone_cleans_alike_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut compared = 0;
    for dir in fs::read_dir(root).expect("fixtures").flatten() {
        let Ok(raw) = fs::read_to_string(dir.path().join("input.md")) else {
            continue;
        };
        let text = normalize(&raw);
        let parts = split(&text);
        let body = parts.body;
        if both_ways(body, &Options::default()).is_some() {
            assert_same(body, &Options::default());
            compared += 1;
        }
    }
    assert!(
        compared >= 25,
        "most corpus posts are Markdown alone: {compared}"
    );
}
