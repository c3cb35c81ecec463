//! Jekyll's Liquid, safely: never evaluated, never shown as raw syntax.
//!
//! Jekyll runs Liquid over a post before kramdown, so a post written for Jekyll holds
//! `{% highlight %}` blocks, `{% raw %}`, `{% link %}`, `{{ site.url }}` … A few tags have
//! a meaning we can give without evaluating anything ([`TAGS`]); every other tag and
//! every `{{ … }}` output is removed and named in one `liquid-removed` warning. The
//! result is still untrusted Markdown with HTML: it goes through the cleaning walk.

use std::borrow::Cow;

use crate::urls::{safe_url, UrlUse};
use crate::Options;

/// What a known tag becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// A fenced code block of the content up to the end tag; the language is the first
    /// argument (`linenos` and the like are ignored).
    CodeBlock(&'static str),
    /// The content up to the end tag, byte for byte: no Liquid inside it is read.
    Verbatim(&'static str),
    /// Nothing: the content up to the end tag is never output by Jekyll either.
    Drop(&'static str),
    /// The URL of a page, or of a post when the path is in a `_posts` folder.
    Link,
    /// The URL of a post named by its file name (`2010-07-21-name`).
    PostUrl,
}

/// The tags that have a meaning here; any other is removed (its block's text stays).
pub(crate) const TAGS: &[(&str, Action)] = &[
    ("highlight", Action::CodeBlock("endhighlight")),
    ("raw", Action::Verbatim("endraw")),
    ("comment", Action::Drop("endcomment")),
    ("capture", Action::Drop("endcapture")),
    ("link", Action::Link),
    ("post_url", Action::PostUrl),
];

/// At most this many names in the warning, so hostile input can't make a huge message.
const MAX_NAMED: usize = 10;
/// At most this many characters of an output's expression in the warning.
const MAX_NAME_CHARS: usize = 40;

/// A body with its Liquid resolved, and what was removed.
#[derive(Debug)]
pub(crate) struct Liquid<'a> {
    /// The body; borrowed, untouched, when it holds no Liquid.
    pub(crate) text: Cow<'a, str>,
    /// The first [`MAX_NAMED`] different removals (`{% include %}`, `{{ site.url }}`).
    removed: Vec<String>,
    /// Removals past those.
    more: usize,
}

impl Liquid<'_> {
    /// The message of the `liquid-removed` warning, if anything was removed.
    pub(crate) fn warning(&self) -> Option<String> {
        if self.removed.is_empty() {
            return None;
        }
        let mut message = format!("Liquid removed: {}", self.removed.join(", "));
        if self.more > 0 {
            message.push_str(&format!(" and {} more", self.more));
        }
        Some(message)
    }

    fn record(&mut self, tag: &Tag<'_>) {
        let (open, what, close) = match tag.output {
            true => ("{{ ", shorten(tag.args), " }}"),
            false => ("{% ", tag.name, " %}"),
        };
        let name = [open, what, close].concat();
        if self.removed.contains(&name) {
            return;
        }
        // `{% endif %}` goes without saying once `{% if %}` is named.
        if let Some(opener) = name.strip_prefix("{% end") {
            if self.removed.iter().any(|r| r[3..] == *opener) {
                return;
            }
        }
        if self.removed.len() < MAX_NAMED {
            self.removed.push(name);
        } else {
            self.more += 1;
        }
    }
}

/// Resolves the Liquid of a post's body (see the module doc). Linear in the body's length.
pub(crate) fn render_liquid<'a>(body: &'a str, options: &Options) -> Liquid<'a> {
    let mut liquid = Liquid {
        text: Cow::Borrowed(body),
        removed: Vec::new(),
        more: 0,
    };
    // The hot path: nearly every post holds no Liquid at all.
    if find_open(body, 0).is_some() {
        let mut out = String::with_capacity(body.len());
        resolve(body, options, false, &mut out, &mut liquid);
        liquid.text = Cow::Owned(out);
    }
    liquid
}

/// Writes `body` to `out` with its Liquid resolved. Jekyll reads Liquid inside a code
/// block too (`{% raw %}` there shows its content); there (`in_code`) a code block does
/// not open again, which keeps this one level deep.
fn resolve(body: &str, options: &Options, in_code: bool, out: &mut String, liquid: &mut Liquid) {
    let mut scan = Scanner {
        body,
        closes: [Close::default(), Close::default()],
    };
    // `last`: the end of what is copied to `out`; `pos`: where to look for the next tag.
    let (mut last, mut pos) = (0, 0);
    while let Some(start) = find_open(body, pos) {
        let Some(tag) = scan.tag_at(start) else {
            pos = start + 2;
            continue;
        };
        push_before(out, &body[last..start], tag.trim_left);
        // An output's name is empty: no row.
        let action = TAGS.iter().find(|(name, _)| *name == tag.name);
        // The tag after which the text goes on: a block's end tag.
        let mut end = tag;
        match action.map(|&(_, action)| action) {
            Some(Action::Link | Action::PostUrl) => match url(&tag, options) {
                Some(url) => out.push_str(&url),
                None => liquid.record(&tag),
            },
            None => liquid.record(&tag),
            Some(Action::CodeBlock(_)) if in_code => liquid.record(&tag),
            Some(block) => {
                let (content, close) = scan.block(&tag, block);
                match block {
                    Action::CodeBlock(_) => {
                        let mut code = String::new();
                        resolve(content, options, true, &mut code, liquid);
                        push_code_block(out, &code, tag.args);
                    }
                    Action::Verbatim(_) => out.push_str(content),
                    _ => {}
                }
                match close {
                    Some(close) => end = close,
                    // Unclosed: the block took the rest.
                    None => {
                        last = body.len();
                        break;
                    }
                }
            }
        }
        pos = end.end;
        last = match end.trim_right {
            true => skip_space(body, end.end),
            false => end.end,
        };
    }
    out.push_str(&body[last..]);
}

/// The next `{%` or `{{` at or after `from`.
fn find_open(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut at = from;
    while let Some(i) = body.get(at..)?.find('{') {
        let start = at + i;
        if matches!(bytes.get(start + 1), Some(b'%' | b'{')) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// The next `%}` (`first` = `%`) or `}}` starting at or after `from`.
fn find_close(body: &str, from: usize, first: u8) -> Option<usize> {
    let mut at = from;
    while let Some(i) = body.get(at..)?.find('}') {
        let brace = at + i;
        if brace > from && body.as_bytes()[brace - 1] == first {
            return Some(brace - 1);
        }
        at = brace + 1;
    }
    None
}

/// Text before a tag; `{%-` trims the white space before it.
fn push_before(out: &mut String, text: &str, trim: bool) {
    out.push_str(if trim { text.trim_end() } else { text });
}

/// After a `-%}`: past the white space that follows.
fn skip_space(body: &str, from: usize) -> usize {
    body.len() - body[from..].trim_start().len()
}

/// An expression as the warning names it: its first [`MAX_NAME_CHARS`] characters.
fn shorten(text: &str) -> &str {
    text.char_indices()
        .nth(MAX_NAME_CHARS)
        .map_or(text, |(cut, _)| &text[..cut])
}

/// One `{% … %}` tag or `{{ … }}` output.
#[derive(Debug, Clone, Copy)]
struct Tag<'a> {
    /// `{{ … }}` rather than `{% … %}`.
    output: bool,
    /// The tag's name (empty for an output).
    name: &'a str,
    /// What follows the name, trimmed (the whole expression of an output).
    args: &'a str,
    /// Opened with `{%-` / `{{-`.
    trim_left: bool,
    /// Closed with `-%}` / `-}}`.
    trim_right: bool,
    /// Where it starts and where it ends (past the closing delimiter).
    start: usize,
    end: usize,
}

/// Where the next closing delimiter is, remembered so that many openers with no close
/// (hostile input) cost one search, not one each.
#[derive(Debug, Default, Clone, Copy)]
struct Close {
    /// Searched from `from`: the first close found at or after it, if any.
    from: usize,
    found: Option<usize>,
    searched: bool,
}

struct Scanner<'a> {
    body: &'a str,
    /// Of `%}` and of `}}`.
    closes: [Close; 2],
}

impl<'a> Scanner<'a> {
    /// The first `delimiter` at or after `from`.
    fn close(&mut self, from: usize, output: bool) -> Option<usize> {
        let (close, delimiter) = match output {
            true => (&mut self.closes[1], b'}'),
            false => (&mut self.closes[0], b'%'),
        };
        let known =
            close.searched && close.from <= from && close.found.is_none_or(|found| found >= from);
        if !known {
            close.from = from;
            close.found = find_close(self.body, from, delimiter);
            close.searched = true;
        }
        close.found
    }

    /// The tag opening at `start` (a `{%` or `{{`), or `None` when it is not Liquid: no
    /// close, or a `{%` not followed by a tag name.
    fn tag_at(&mut self, start: usize) -> Option<Tag<'a>> {
        let output = self.body.as_bytes()[start + 1] == b'{';
        let close = self.close(start + 2, output)?;
        let mut inner = &self.body[start + 2..close];
        let trim_left = inner.starts_with('-');
        if trim_left {
            inner = &inner[1..];
        }
        let trim_right = inner.ends_with('-');
        if trim_right {
            inner = &inner[..inner.len() - 1];
        }
        let inner = inner.trim();
        let (name, args) = match output {
            true => ("", inner),
            false => {
                let end = inner
                    .bytes()
                    .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
                    .unwrap_or(inner.len());
                let name = &inner[..end];
                if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                    return None;
                }
                (name, inner[end..].trim())
            }
        };
        Some(Tag {
            output,
            name,
            args,
            trim_left,
            trim_right,
            start,
            end: close + 2,
        })
    }

    /// The content of a block tag and its end tag; with no end tag, the rest of the body
    /// is the content (never lose text).
    fn block(&mut self, open: &Tag<'a>, action: Action) -> (&'a str, Option<Tag<'a>>) {
        let (Action::CodeBlock(end_name) | Action::Verbatim(end_name) | Action::Drop(end_name)) =
            action
        else {
            return ("", None);
        };
        let from = match open.trim_right {
            true => skip_space(self.body, open.end),
            false => open.end,
        };
        let mut pos = from;
        while let Some(start) = find_open(self.body, pos) {
            pos = start + 2;
            if self.body.as_bytes()[start + 1] != b'%' {
                continue;
            }
            if let Some(end) = self.tag_at(start).filter(|t| t.name == end_name) {
                let content = &self.body[from..end.start];
                let content = if end.trim_left {
                    content.trim_end()
                } else {
                    content
                };
                return (content, Some(end));
            }
        }
        (&self.body[from..], None)
    }
}

/// A fenced code block on lines of its own: the fence is longer than any run of
/// backticks in the code, so the code cannot close it; the language only if it is a
/// plain token (it becomes a class).
fn push_code_block(out: &mut String, code: &str, args: &str) {
    // Jekyll drops the blank lines around the code.
    let code = code.trim_matches('\n');
    let language = args.split_whitespace().next().filter(|lang| {
        lang.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'#' | b'.' | b'-'))
    });
    let mut longest = 0;
    let mut run = 0;
    for b in code.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out.push_str(language.unwrap_or_default());
    out.push('\n');
    if !code.is_empty() {
        out.push_str(code);
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
}

/// The URL a `{% link %}` or `{% post_url %}` gives, resolved against `baseUrl` as the
/// site's root; `None` when the argument is not a plain path (it holds Liquid, say).
fn url(tag: &Tag<'_>, options: &Options) -> Option<String> {
    let path = tag.args;
    let odd = |b: u8| b.is_ascii_whitespace() || matches!(b, b'{' | b'}' | b'%' | b'"' | b'\'');
    if path.is_empty() || path.bytes().any(odd) {
        return None;
    }
    let template = permalink_template(options.permalink.as_deref());
    let in_posts = path.starts_with("_posts/") || path.contains("/_posts/");
    let url = match (tag.name, in_posts) {
        ("link", false) => page_url(path, template),
        _ => post_url(path, template)?,
    };
    // `./`: relative to the base even when a title holds a colon (`a:b.html`).
    safe_url(&format!(".{url}"), &options.base_url, UrlUse::Link)
}

/// Jekyll's built-in permalink styles, else the option is a template itself.
fn permalink_template(permalink: Option<&str>) -> &str {
    match permalink.map(str::trim) {
        None | Some("" | "date") => "/:categories/:year/:month/:day/:title:output_ext",
        Some("pretty") => "/:categories/:year/:month/:day/:title/",
        Some("ordinal") => "/:categories/:year/:y_day/:title:output_ext",
        Some("none") => "/:categories/:title:output_ext",
        Some(template) => template,
    }
}

/// A file name without an extension Jekyll renders to `.html`, and whether it had one.
fn strip_page_extension(name: &str) -> (&str, bool) {
    let Some(dot) = name.rfind('.') else {
        return (name, false);
    };
    match &name[dot + 1..] {
        "md" | "markdown" | "mkdown" | "mkdn" | "mkd" | "html" | "htm" => (&name[..dot], true),
        _ => (name, false),
    }
}

/// A page's URL, Jekyll's `/:path/:basename:output_ext`: `about/team.md` →
/// `/about/team.html` (`/about/team/` when permalinks end in `/`), `docs/index.md` →
/// `/docs/`, `assets/a.png` → `/assets/a.png`; a collection's folder loses its `_`.
fn page_url(path: &str, template: &str) -> String {
    let path = path.trim_start_matches('/');
    let path = path.strip_prefix('_').unwrap_or(path);
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let (stem, rendered) = strip_page_extension(name);
    let mut url = String::from("/");
    if !dir.is_empty() {
        url.push_str(dir);
        url.push('/');
    }
    match (rendered, stem) {
        (false, _) => url.push_str(name),
        (true, "index") => {}
        (true, _) => {
            url.push_str(stem);
            url.push_str(if template.ends_with('/') {
                "/"
            } else {
                ".html"
            });
        }
    }
    url
}

/// A post's URL from its path (`2010-07-21-name`, `blog/_posts/2016-07-26-name.md`):
/// the folders above `_posts` are its categories, as Jekyll reads them; the date and
/// title come from the file name. `None` when the name holds no valid date.
fn post_url(path: &str, template: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    let (above, file) = match path.find("_posts/") {
        Some(i) => (&path[..i], &path[i + "_posts/".len()..]),
        None => ("", path),
    };
    let name = file.rsplit('/').next().unwrap_or(file);
    let (name, _) = strip_page_extension(name);
    let (date, title) = (name.get(..10)?, name.get(11..)?);
    let number = |range: std::ops::Range<usize>| {
        let digits = date.get(range)?;
        digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let dashes = date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
    let valid = (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d);
    if !dashes || name.as_bytes()[10] != b'-' || title.is_empty() || !valid {
        return None;
    }
    // Lowercased as Jekyll does (ASCII letters only: the wasm stays small).
    let lower = |text: &str, out: &mut String| {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    };
    let mut categories = String::new();
    for category in above.split('/').filter(|c| !c.is_empty()) {
        if !categories.is_empty() {
            categories.push('/');
        }
        lower(category, &mut categories);
    }
    let mut url = String::new();
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        url.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let len = after
            .bytes()
            .position(|b| !(b.is_ascii_lowercase() || b == b'_'))
            .unwrap_or(after.len());
        match &after[..len] {
            "categories" => url.push_str(&categories),
            "year" => url.push_str(year),
            "short_year" => url.push_str(&year[2..]),
            "month" => url.push_str(month),
            "i_month" => url.push_str(month.trim_start_matches('0')),
            "day" => url.push_str(day),
            "i_day" => url.push_str(day.trim_start_matches('0')),
            "y_day" => {
                let y_day = (1..m).map(|month| days_in_month(y, month)).sum::<u32>() + d;
                url.push_str(&format!("{y_day:03}"));
            }
            "title" => url.push_str(title),
            "slug" => lower(title, &mut url),
            "output_ext" => url.push_str(".html"),
            // Not a placeholder we know: kept as written.
            _ => url.push_str(&rest[colon..colon + 1 + len]),
        }
        rest = &after[len..];
    }
    url.push_str(rest);
    // An empty `:categories` leaves `//`: Jekyll collapses it, and starts with `/`.
    let mut slash = false;
    url.retain(|c| !std::mem::replace(&mut slash, c == '/') || c != '/');
    if !url.starts_with('/') {
        url.insert(0, '/');
    }
    Some(url)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn render(body: &str) -> (String, Option<String>) {
        render_with(body, &Options::default())
    }

    fn render_with(body: &str, options: &Options) -> (String, Option<String>) {
        let liquid = render_liquid(body, options);
        (liquid.text.to_string(), liquid.warning())
    }

    fn with_permalink(permalink: &str) -> Options {
        Options {
            permalink: Some(permalink.to_owned()),
            ..Options::default()
        }
    }

    /// One case per row of [`TAGS`]: a new row without a case fails here.
    #[test]
    fn every_tag_has_a_case() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "highlight",
                "a\n{% highlight ruby linenos %}\n> x\n{% endhighlight %}\nb",
                "a\n```ruby\n> x\n```\n\nb",
            ),
            (
                "raw",
                "{% raw %}{{ site.url }} {% if %}{% endraw %}",
                "{{ site.url }} {% if %}",
            ),
            ("comment", "a{% comment %} {{ x }} {% endcomment %}b", "ab"),
            ("capture", "a{% capture x %}hidden{% endcapture %}b", "ab"),
            (
                "link",
                "[p]({% link about/team.md %})",
                "[p](https://finews.withounder.com/about/team.html)",
            ),
            (
                "post_url",
                "[p]({% post_url 2010-07-21-name %})",
                "[p](https://finews.withounder.com/2010/07/21/name.html)",
            ),
        ];
        for (name, _) in TAGS {
            let case = cases.iter().find(|(n, _, _)| n == name);
            let (_, input, expected) = case.unwrap_or_else(|| panic!("no case for {name}"));
            assert_eq!(render(input), ((*expected).to_owned(), None), "{name}");
        }
    }

    #[test]
    fn no_liquid_is_borrowed() {
        let body = "<p>北向资金{净流入}超40亿元</p> {x} { {";
        assert!(matches!(
            render_liquid(body, &Options::default()).text,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn other_tags_and_outputs_are_removed_and_named() {
        let (text, warning) = render(
            "{% include note.html %}a {{ site.url }}/x {% if page.x %}kept{% endif %} {% seo %}",
        );
        assert_eq!(text, "a /x kept ");
        assert_eq!(
            warning.as_deref(),
            Some("Liquid removed: {% include %}, {{ site.url }}, {% if %}, {% seo %}")
        );
    }

    #[test]
    fn the_warning_is_capped() {
        let body: String = (0..1000).map(|i| format!("{{{{ x{i} }}}}")).collect();
        let (text, warning) = render(&body);
        assert_eq!(text, "");
        let warning = warning.unwrap_or_default();
        assert!(warning.ends_with("{{ x9 }} and 990 more"), "{warning}");
        let (_, long) = render(&format!("{{{{ {} }}}}", "长".repeat(100)));
        assert!(long.unwrap_or_default().chars().count() < 70);
    }

    #[test]
    fn whitespace_control() {
        assert_eq!(render("a  \n{%- if x -%}\n  b").0, "ab");
        assert_eq!(render("a {{- x -}} b").0, "ab");
        assert_eq!(render("{%- raw -%}\n x \n{%- endraw -%}\n y").0, "xy");
    }

    #[test]
    fn unclosed_forms() {
        // A block with no end: the rest is its content.
        assert_eq!(render("a {% raw %}{{ x }} b").0, "a {{ x }} b");
        assert_eq!(render("{% highlight c %}\nint x;").0, "```c\nint x;\n```\n");
        // No close at all: not Liquid, left as written.
        for text in [
            "a {% if x",
            "a {{ x",
            "{% 1 %}",
            "{%%}",
            "{{",
            "{%",
            "a { %} {",
        ] {
            assert_eq!(render(text), (text.to_owned(), None));
        }
    }

    #[test]
    fn liquid_in_a_code_block_is_read_as_jekyll_reads_it() {
        let (text, warning) = render(
            "{% highlight liquid %}{% raw %}{{ x }}{% endraw %} {{ y }}{% highlight c %}{% endhighlight %}",
        );
        assert_eq!(text, "```liquid\n{{ x }} \n```\n");
        assert_eq!(
            warning.as_deref(),
            Some("Liquid removed: {{ y }}, {% highlight %}")
        );
    }

    #[test]
    fn code_cannot_break_out_of_its_fence() {
        let (text, _) = render("{% highlight md %}\n````\n<script>\n{% endhighlight %}");
        assert_eq!(text, "`````md\n````\n<script>\n`````\n");
        let (text, _) = render("x {% highlight \"><b %}a{% endhighlight %}");
        assert_eq!(text, "x \n```\na\n```\n");
    }

    #[test]
    fn links_to_pages() {
        let link =
            |path: &str, options: &Options| render_with(&format!("{{% link {path} %}}"), options).0;
        let default = Options::default();
        assert_eq!(
            link("assets/a.png", &default),
            "https://finews.withounder.com/assets/a.png"
        );
        assert_eq!(
            link("/docs/index.md", &default),
            "https://finews.withounder.com/docs/"
        );
        assert_eq!(
            link("_docs/x.markdown", &default),
            "https://finews.withounder.com/docs/x.html"
        );
        assert_eq!(
            link("about.md", &with_permalink("pretty")),
            "https://finews.withounder.com/about/"
        );
        assert_eq!(
            link("blog/_posts/2016-07-26-Hello.md", &default),
            "https://finews.withounder.com/blog/2016/07/26/Hello.html"
        );
    }

    #[test]
    fn permalink_styles() {
        let post = "{% post_url /sub/2016-02-09-我的-post %}";
        let base = "https://finews.withounder.com";
        for (permalink, expected) in [
            ("date", "/2016/02/09/%E6%88%91%E7%9A%84-post.html"),
            ("pretty", "/2016/02/09/%E6%88%91%E7%9A%84-post/"),
            ("ordinal", "/2016/040/%E6%88%91%E7%9A%84-post.html"),
            ("none", "/%E6%88%91%E7%9A%84-post.html"),
            (
                "/:year/:i_month/:i_day/:short_year/:slug",
                "/2016/2/9/16/%E6%88%91%E7%9A%84-post",
            ),
            (
                "/:categories/:month/:title/:unknown",
                "/02/%E6%88%91%E7%9A%84-post/:unknown",
            ),
        ] {
            let (text, warning) = render_with(post, &with_permalink(permalink));
            assert_eq!(
                (text, warning),
                (format!("{base}{expected}"), None),
                "{permalink}"
            );
        }
        let options = Options {
            base_url: "https://blog.example.cn/sub/".to_owned(),
            ..with_permalink("/:year/:month/:title/")
        };
        assert_eq!(
            render_with("{% post_url 2021-12-08-a %}", &options).0,
            "https://blog.example.cn/sub/2021/12/a/"
        );
    }

    #[test]
    fn bad_url_arguments_are_removed() {
        for body in [
            "{% link {{ page.x }} %}",
            "{% post_url %}",
            "{% post_url 2021-13-01-x %}",
            "{% post_url 2021-02-30-x %}",
            "{% post_url 2021-02-03 %}",
            "{% post_url not-a-post %}",
            "{% link \"a.md\" %}",
        ] {
            let (text, warning) = render(body);
            assert!(!text.contains("{%") && warning.is_some(), "{body}: {text}");
        }
        // A `javascript:` base never makes a link.
        let options = Options {
            base_url: "javascript:alert(1)//".to_owned(),
            ..Options::default()
        };
        assert_eq!(render_with("{% link a.md %}", &options).0, "");
    }

    #[test]
    fn multibyte_text_around_delimiters() {
        for body in [
            "长{%长%}长",
            "{%长",
            "长{{",
            "{{长}}",
            "{%-长-%}",
            "{% raw %}长",
            "{%- raw -%}长{%- endraw",
            "{%-",
            "{{-}}",
            "{%-%}",
            "{% highlight 长 %}长{% endhighlight %}",
            "长{% link 长.md %}",
            "{% post_url 2021-01-01-长 %}",
        ] {
            let _ = render(body);
        }
    }

    #[track_caller]
    fn assert_fast(body: &str) {
        let start = Instant::now();
        let _ = render(body);
        let took = start.elapsed();
        // Linear is well under a second even in a debug build on a busy machine;
        // quadratic, at these sizes, takes minutes.
        assert!(took < Duration::from_secs(5), "took {took:?}");
    }

    #[test]
    fn hostile_inputs_are_linear() {
        // Openers with no close: one search each would be quadratic even in `str::find`.
        for unit in ["{%", "{{", "{% x", "{{ x", "{%-"] {
            assert_fast(&unit.repeat(1_000_000));
        }
        for unit in [
            "{% raw %}",
            "{% highlight %}",
            "{% if %}",
            "{{ x }}",
            "{%-%}",
            "{% endraw %}{% raw %}",
            "{% comment %}",
        ] {
            assert_fast(&unit.repeat(100_000));
        }
        assert_fast(&format!("{}%}}", "{% raw %}{%".repeat(100_000)));
        assert_fast(&format!(
            "{}{}",
            "{% comment %}".repeat(50_000),
            "{% endcomment %}".repeat(50_000)
        ));
    }
}
