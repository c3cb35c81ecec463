//! What the command-line tools write for an archive of posts, in one place: the native
//! `finews-reader` binary and the npm package's `cli.mjs` (through `src/wasm.rs`) both
//! call these, so their output is byte-identical.
//!
//! Per post, [`archive_post`] gives the JSON Lines record, the index entry and, when
//! asked, a standalone page; [`page_names`] names the pages and [`index_document`] joins
//! the index. Reading files and walking folders stays with each CLI.

use serde::Serialize;

use crate::writer::escape_into;
use crate::{render_post_with, render_replaced, Article, Options, Stock};

/// Code and message of the record of a file that could not be read. The message is
/// fixed so that both CLIs write the same bytes; each prints the system's reason on
/// stderr.
pub const UNREADABLE: (&str, &str) = ("unreadable", "the file could not be read");

/// What a CLI writes for one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivePost {
    /// One line of JSON, no newline: the [`Article`], or
    /// `{"file": …, "error": {"code": …, "message": …}}` when the post failed.
    pub record: String,
    /// The post's line of the index (see [`IndexEntry`]), or `None` when it failed.
    pub index_entry: Option<String>,
    /// The standalone page, when a stylesheet was given and the post rendered.
    pub page: Option<String>,
    /// `"rendered"`, `"warnings"` (rendered with warnings) or `"failed"`.
    pub status: &'static str,
}

/// One post of the index written by `--index FILE`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexEntry<'a> {
    /// The post's file, as the CLI was given or found it.
    pub path: &'a str,
    /// [`Article::title`].
    pub title: &'a str,
    /// [`Article::date`].
    pub date: Option<&'a str>,
    /// [`Article::categories`].
    pub categories: &'a [String],
    /// [`Article::tags`].
    pub tags: &'a [String],
    /// [`Article::source`].
    pub source: Option<&'a str>,
    /// [`Article::excerpt`].
    pub excerpt: &'a str,
    /// [`Article::stocks`].
    pub stocks: &'a [Stock],
}

impl<'a> IndexEntry<'a> {
    /// The index entry of a rendered post.
    pub fn new(path: &'a str, article: &'a Article) -> Self {
        IndexEntry {
            path,
            title: &article.title,
            date: article.date.as_deref(),
            categories: &article.categories,
            tags: &article.tags,
            source: article.source.as_deref(),
            excerpt: &article.excerpt,
            stocks: &article.stocks,
        }
    }
}

/// A post's file, as a CLI read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read<'a> {
    /// Its text.
    Text(&'a str),
    /// Its text, bytes that were not UTF-8 replaced (U+FFFD): rendered with a warning.
    /// The npm CLI decodes in JS (`TextDecoder`, the same replacement rule as Rust's
    /// `String::from_utf8_lossy`), so the wasm carries no decoder of its own.
    Replaced(&'a str),
    /// It could not be read: an [`UNREADABLE`] record.
    Failed,
}

impl<'a> Read<'a> {
    /// `bytes` decoded as `String::from_utf8_lossy` does; `text` holds the decoded copy.
    pub fn decode(bytes: &'a [u8], text: &'a mut String) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(valid) => Read::Text(valid),
            Err(_) => {
                *text = String::from_utf8_lossy(bytes).into_owned();
                Read::Replaced(text)
            }
        }
    }
}

/// Renders one post of an archive with the default [`Options`]. With a `stylesheet`, the
/// standalone [`page`] is made too.
///
/// # Examples
/// ```
/// use finews_reader::archive::{archive_post, Read};
///
/// let post = archive_post("a.md", Read::Text("---\ntitle: Hi\n---\ntext"), None);
/// assert_eq!(post.status, "warnings"); // the post has no date
/// assert!(post.record.starts_with(r#"{"title":"Hi","#));
///
/// let failed = archive_post("b.md", Read::Text("  "), None);
/// assert_eq!(failed.record, r#"{"file":"b.md","error":{"code":"empty","message":"the post is empty"}}"#);
/// assert_eq!((failed.status, failed.index_entry), ("failed", None));
/// ```
pub fn archive_post(path: &str, read: Read<'_>, stylesheet: Option<&str>) -> ArchivePost {
    let options = Options::default();
    let rendered = match read {
        Read::Text(text) => render_post_with(text, &options),
        Read::Replaced(text) => render_replaced(text, &options),
        Read::Failed => return failed(path, UNREADABLE.0, UNREADABLE.1),
    };
    match rendered {
        Ok(article) => ArchivePost {
            record: to_json(&article),
            index_entry: Some(to_json(&IndexEntry::new(path, &article))),
            page: stylesheet.map(|css| page(&article, css)),
            status: if article.warnings.is_empty() {
                "rendered"
            } else {
                "warnings"
            },
        },
        Err(error) => failed(path, error.code(), &error.to_string()),
    }
}

fn failed(path: &str, code: &str, message: &str) -> ArchivePost {
    // NOTE: written out rather than through `json!`: smaller in the wasm, where every KB
    // counts. `code` is one of ours, plain ASCII.
    ArchivePost {
        record: format!(
            r#"{{"file":{},"error":{{"code":"{code}","message":{}}}}}"#,
            to_json(&path),
            to_json(&message)
        ),
        index_entry: None,
        page: None,
        status: "failed",
    }
}

/// Articles and entries are strings, numbers and maps of them: serializing cannot fail.
fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The index document: a JSON array of the entries in the order given (the order of the
/// JSON Lines), one entry a line. (`cli.mjs` joins its entries the same way in one line of
/// JS rather than crossing into the wasm for it; `tests/node/cli.test.mjs` compares.)
///
/// # Examples
/// ```
/// use finews_reader::archive::index_document;
///
/// assert_eq!(index_document(["{\"a\":1}", "{\"b\":2}"]), "[\n{\"a\":1},\n{\"b\":2}\n]\n");
/// assert_eq!(index_document(Vec::<String>::new()), "[]\n");
/// ```
pub fn index_document<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> String {
    let mut out = String::from("[");
    for (i, entry) in entries.into_iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(entry.as_ref());
    }
    out.push_str(if out.len() == 1 { "]\n" } else { "\n]\n" });
    out
}

/// The file names of the standalone pages of `paths`, in order (`cli.mjs` has a twin of
/// this, kept out of the wasm for its size; `tests/node/cli.test.mjs` compares): the post's file name with
/// its extension replaced by `.html`; a name already taken (ASCII letter case aside, as on
/// macOS and Windows) gets `-2`, `-3` … before `.html`.
///
/// # Examples
/// ```
/// use finews_reader::archive::page_names;
///
/// let names = page_names(&["a/x.md", "b/x.markdown", "b/X.md", "y", ".md"]);
/// assert_eq!(names, ["x.html", "x-2.html", "X-3.html", "y.html", ".md.html"]);
/// ```
pub fn page_names<S: AsRef<str>>(paths: &[S]) -> Vec<String> {
    // A B-tree, not a hash set: no hasher to ship in the wasm.
    let mut taken = std::collections::BTreeSet::new();
    paths
        .iter()
        .map(|path| {
            let name = path.as_ref().rsplit(['/', '\\']).next().unwrap_or_default();
            // `.md` alone is a name, not an extension.
            let stem = match name.rfind('.') {
                Some(dot) if dot > 0 => &name[..dot],
                _ => name,
            };
            let stem = if stem.is_empty() { "post" } else { stem };
            let mut candidate = format!("{stem}.html");
            let mut n = 1;
            while !taken.insert(candidate.to_ascii_lowercase()) {
                n += 1;
                candidate = format!("{stem}-{n}.html");
            }
            candidate
        })
        .collect()
}

/// A complete, standalone HTML document of the article, with `stylesheet` inlined.
///
/// Header (title, original title, date in the post's own offset, source), the sanitized
/// body, the disclaimer in small print, and a footer (editor, original link, the trailer's
/// links). Every string but `article.html` is escaped; the Content-Security-Policy allows
/// no script, frame, form or connection, only the inline style and web images.
///
/// # Examples
/// ```
/// let article = finews_reader::render_post("---\ntitle: A <b> & C\n---\n正文。").unwrap();
/// let page = finews_reader::archive::page(&article, "p { margin: 0 }");
/// assert!(page.starts_with("<!doctype html>"));
/// assert!(page.contains("<title>A &lt;b&gt; &amp; C</title>"));
/// assert!(page.contains("<style>p { margin: 0 }</style>"));
/// assert!(!page.contains("<script"));
/// ```
pub fn page(article: &Article, stylesheet: &str) -> String {
    use Piece::{Css, Html, Text};
    // NOTE: pieces in arrays rather than a call per string: this code ships in the wasm.
    let mut out = String::with_capacity(article.html.len() + stylesheet.len() + 2048);
    let date = article.date.as_deref().map(|d| (d, human_date(d)));
    let (date, human) = date.as_ref().map_or(("", ""), |(d, h)| (*d, h.as_str()));
    write(
        &mut out,
        &[
            Html(HEAD),
            Text(&article.title),
            Html("</title>\n<meta name=\"description\" content=\""),
            Text(&article.excerpt),
            Html("\">\n<style>"),
            Css(stylesheet),
            Html("</style>\n</head>\n<body>\n<article class=\"finews-article\">\n<header>\n<h1>"),
            Text(&article.title),
            Html("</h1>\n"),
        ],
    );
    if let Some(original) = &article.original_title {
        write(
            &mut out,
            &[
                Html("<p class=\"finews-original-title\">原标题："),
                Text(original),
                Html("</p>\n"),
            ],
        );
    }
    if !date.is_empty() || article.source.is_some() {
        out.push_str("<p class=\"finews-meta\">");
        if !date.is_empty() {
            let time = [
                Html("<time datetime=\""),
                Text(date),
                Html("\">"),
                Text(human),
            ];
            write(&mut out, &time);
            out.push_str(if article.source.is_some() {
                "</time> · "
            } else {
                "</time>"
            });
        }
        if let Some(source) = &article.source {
            let span = [Html("<span class=\"finews-source\">来源："), Text(source)];
            write(&mut out, &span);
            out.push_str("</span>");
        }
        out.push_str("</p>\n");
    }
    // NOTE: the one string not escaped: the core sanitized it.
    let body = [
        Html("</header>\n<div class=\"finews-body\">\n"),
        Html(&article.html),
    ];
    write(&mut out, &body);
    out.push_str("\n</div>\n");
    if let Some(disclaimer) = &article.disclaimer {
        out.push_str("<aside class=\"finews-disclaimer\" aria-label=\"免责声明\">\n");
        for line in disclaimer.split('\n') {
            write(&mut out, &[Html("<p>"), Text(line), Html("</p>\n")]);
        }
        out.push_str("</aside>\n");
    }
    // The original article first, then the trailer's links.
    let mut nav = String::new();
    let original = article.original_url.iter().map(|u| (u, "阅读原文"));
    let links = article.links.iter().map(|l| (&l.href, l.text.as_str()));
    for (href, text) in original.chain(links).filter(|(href, _)| is_web_url(href)) {
        let link = [
            Html("<a href=\""),
            Text(href),
            Html("\" rel=\"noopener noreferrer\">"),
            Text(text),
            Html("</a>"),
        ];
        write(&mut nav, &link);
    }
    if article.editor.is_some() || !nav.is_empty() {
        out.push_str("<footer>\n");
        if let Some(editor) = &article.editor {
            let line = [
                Html("<p class=\"finews-editor\">责任编辑："),
                Text(editor),
                Html("</p>\n"),
            ];
            write(&mut out, &line);
        }
        if !nav.is_empty() {
            write(
                &mut out,
                &[
                    Html("<nav aria-label=\"链接\">"),
                    Html(&nav),
                    Html("</nav>\n"),
                ],
            );
        }
        out.push_str("</footer>\n");
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// The page's head up to the title: no script may run, nothing may be fetched but web images.
const HEAD: &str = concat!(
    "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
    "style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'; form-action 'none'\">\n",
    "<meta name=\"referrer\" content=\"no-referrer\">\n<title>",
);

/// A piece of a page: markup as is, text escaped, or a stylesheet.
enum Piece<'a> {
    Html(&'a str),
    Text(&'a str),
    Css(&'a str),
}

// NOTE: never inlined: a copy at each call site cost the wasm kilobytes.
#[inline(never)]
fn write(out: &mut String, pieces: &[Piece<'_>]) {
    for piece in pieces {
        match piece {
            Piece::Html(html) => out.push_str(html),
            // The writer's escaping, for attribute values: right in an element too.
            Piece::Text(text) => escape_into(out, text, true),
            // A stylesheet cannot end its own element: `</style` in it becomes `<\/style`.
            Piece::Css(css) => {
                for (i, part) in css.split('<').enumerate() {
                    if i > 0 {
                        out.push_str(if part.starts_with('/') { "<\\" } else { "<" });
                    }
                    out.push_str(part);
                }
            }
        }
    }
}

/// Defence in depth: the core already drops unsafe schemes from trailer links.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `2021-12-23T19:17:04+08:00` → `2021年12月23日 19:17`, in the post's own offset.
pub(crate) fn human_date(iso: &str) -> String {
    let part = |range: std::ops::Range<usize>| iso.get(range).and_then(|s| s.parse::<u32>().ok());
    match (part(0..4), part(5..7), part(8..10), iso.get(11..16)) {
        (Some(y), Some(m), Some(d), Some(hm)) => format!("{y}年{m}月{d}日 {hm}"),
        (Some(y), Some(m), Some(d), None) => format!("{y}年{m}月{d}日"),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const POST: &str = "---\ntitle: \"标题 <script>alert(1)</script>\"\ndate: 2021-12-23 19:17:04 +0800\ncategories: emnews\ntags: a b\n---\n\n原标题：旧的\"标题\"\n\n<p>正文<a href=\"http://quote.eastmoney.com/sh600000.html\">浦发银行</a>。</p>\n\n（来源：证券\"时报\"）\n\n（责任编辑：张三）\n";

    fn article() -> Article {
        crate::render_post(POST).expect("renders")
    }

    #[test]
    fn the_record_is_the_article_and_the_entry_its_summary() {
        let post = archive_post("posts/a.md", Read::Text(POST), None);
        let article = article();
        assert_eq!(post.record, serde_json::to_string(&article).unwrap());
        let entry: serde_json::Value =
            serde_json::from_str(post.index_entry.as_deref().unwrap()).unwrap();
        assert_eq!(
            entry.as_object().unwrap().keys().collect::<Vec<_>>(),
            [
                "path",
                "title",
                "date",
                "categories",
                "tags",
                "source",
                "excerpt",
                "stocks"
            ]
        );
        assert_eq!(entry["path"], "posts/a.md");
        assert_eq!(entry["date"], "2021-12-23T19:17:04+08:00");
        assert_eq!(entry["tags"], json!(["a", "b"]));
        assert_eq!(entry["stocks"][0]["quoteUrl"], article.stocks[0].quote_url);
        assert!(post.page.is_none(), "no stylesheet, no page");
    }

    #[test]
    fn failures_are_records_with_stable_codes() {
        let unreadable = archive_post("gone.md", Read::Failed, Some(""));
        assert_eq!(
            unreadable.record,
            r#"{"file":"gone.md","error":{"code":"unreadable","message":"the file could not be read"}}"#
        );
        assert_eq!((unreadable.status, unreadable.page), ("failed", None));
        let binary = archive_post("x\"y.md", Read::Text("\0\0\0\0"), None);
        assert_eq!(
            binary.record,
            r#"{"file":"x\"y.md","error":{"code":"binary","message":"the post is not text (binary data)"}}"#
        );
    }

    #[test]
    fn invalid_utf8_renders_with_a_warning() {
        let mut text = String::new();
        let read = Read::decode(b"---\ntitle: t\n---\nbad \xff byte", &mut text);
        assert_eq!(
            read,
            Read::Replaced("---\ntitle: t\n---\nbad \u{fffd} byte")
        );
        let post = archive_post("a.md", read, None);
        assert_eq!(post.status, "warnings");
        assert!(post.record.contains("invalid-text"));
    }

    #[test]
    fn the_page_escapes_every_string_and_runs_no_script() {
        // A stylesheet that tries to close its element stays inside it, as CSS text.
        let page = page(&article(), "body{}</style><script>x()</script>");
        assert_eq!(page.matches("</style>").count(), 1, "{page}");
        assert!(page.contains("<style>body{}<\\/style><script>x()<\\/script></style>"));
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the stylesheet's text"
        );
        assert!(page.contains("<title>标题 &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(page
            .contains("<time datetime=\"2021-12-23T19:17:04+08:00\">2021年12月23日 19:17</time>"));
        assert!(page.contains("<span class=\"finews-source\">来源：证券&quot;时报&quot;</span>"));
        assert!(
            page.contains("<p class=\"finews-original-title\">原标题：旧的&quot;标题&quot;</p>")
        );
        assert!(page.contains("<p class=\"finews-editor\">责任编辑：张三</p>"));
        assert!(page.contains("content=\"default-src 'none';"));
        assert_eq!(page.matches("<style>").count(), 1);
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn page_names_are_unique_ignoring_case() {
        assert_eq!(
            page_names(&["x.md", "x-2.md", "X.md", "d/", "a\\b.md"]),
            ["x.html", "x-2.html", "X-3.html", "post.html", "b.html"]
        );
    }

    #[test]
    fn dates_read_in_their_own_offset() {
        assert_eq!(
            human_date("2021-12-08T10:47:05+08:00"),
            "2021年12月8日 10:47"
        );
        assert_eq!(human_date("2021-12-08"), "2021年12月8日");
        assert_eq!(human_date("一二"), "一二");
    }
}
