//! What EastMoney's markup is, as one table: a shape of an element (tag, class, id,
//! attribute, link host or path) or of a comment → a [`Role`]. The cleaning walk asks
//! [`recognise`] once per element and acts on the role; the README's table is made from
//! these rows. First match wins, so the rows run from the most specific down.

use std::sync::OnceLock;

use scraper::ElementRef;

use super::is_tracker;
use super::securities::{from_element_id, from_url};
use crate::markup::{text_of, AttrOf};
use crate::urls::{host, is_within};

/// What an element (or comment) of EastMoney's is, and so what the reader makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Names a security: listed in `stocks`; a clean link to its quote page, or its text.
    Security,
    /// A K-line chart: listed in `stocks`; a chip linking its quote page, or nothing.
    Chart,
    /// A topic, data or encyclopedia keyword: no security; a plain link, or its text.
    Keyword,
    /// Advertising or promotion: removed with its content.
    Ad,
    /// Page furniture or a live-quote widget: removed with its content.
    Furniture,
    /// A placeholder for content that lives elsewhere: removed.
    Placeholder,
    /// The outlet: `source`.
    Source,
    /// The editor: `editor`.
    Editor,
    /// The disclaimer: `disclaimer`.
    Disclaimer,
    /// An older layout's summary: the `digest` when the post has none.
    Summary,
    /// The original title: `originalTitle`.
    OriginalTitle,
    /// A link to the original article: `originalUrl` when the trailer has none.
    OriginalLink,
}

impl Role {
    /// What the reader gets, in the README's words.
    pub fn outcome(self) -> &'static str {
        match self {
            Role::Security => "in `stocks` (`from: \"inline\"`); a clean link to its quote page, or its text (`inlineQuotes`)",
            Role::Chart => "in `stocks` (`from: \"chart\"`); a chip linking its quote page, or nothing (`stockCharts`); never the tracking image",
            Role::Keyword => "no security: a plain link, or its text (`inlineQuotes`)",
            Role::Ad => "removed, with all it holds",
            Role::Furniture => "removed, with all it holds",
            Role::Placeholder => "removed",
            Role::Source => "`source`; out of the body",
            Role::Editor => "`editor`; out of the body (`renderInto`: the footer)",
            Role::Disclaimer => "`disclaimer`; out of the body (`renderInto`: small print after it)",
            Role::Summary => "`digest` when the post has none; out of the body",
            Role::OriginalTitle => "`originalTitle`; out of the body",
            Role::OriginalLink => "`originalUrl` when the trailer has none; out of the body",
        }
    }

    /// Whether the element goes with all it holds (its text kept, if at all, in a field).
    pub fn removes(self) -> bool {
        !matches!(self, Role::Security | Role::Chart | Role::Keyword)
    }
}

/// One test of a rule; a rule holds when all of its tests do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// The tag.
    Tag(&'static str),
    /// Has this class (any case).
    Class(&'static str),
    /// Has a class that starts with this.
    ClassPrefix(&'static str),
    /// The id.
    Id(&'static str),
    /// The id starts with this.
    IdPrefix(&'static str),
    /// The id names a security (`stock_1.600160`, `stock_3001042`, `bk_90.BK0493`,
    /// `Info.116.00700`: [`ID_FORMS`](super::ID_FORMS)).
    SecurityId,
    /// Has this attribute.
    Attr(&'static str),
    /// `href` points at this host or one below it.
    Host(&'static str),
    /// `href` is a quote page in one of the [`URL_FORMS`](super::URL_FORMS).
    QuoteLink,
    /// Holds an `<img>` from the K-line tracker.
    HoldsTracker,
    /// Its text holds this.
    Text(&'static str),
    /// A comment that starts with this (after white space).
    Comment(&'static str),
}

/// A row of [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// All must hold.
    pub when: &'static [Test],
    /// What it is.
    pub role: Role,
    /// The shape, as the README shows it.
    pub markup: &'static str,
}

const fn rule(when: &'static [Test], role: Role, markup: &'static str) -> Rule {
    Rule { when, role, markup }
}

use Role::*;
use Test::*;

/// EastMoney's markup, most specific first.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // Advertising first: an ad that links a quote page is still an ad.
    rule(&[Class("em_handle_adv_close")], Ad, "`<img class=\"em_handle_adv_close\">` (ad banner)"),
    rule(&[Host("acttg.eastmoney.com")], Ad, "a link to `acttg.eastmoney.com` (account-opening campaign)"),
    rule(&[Tag("a"), Class("toplink")], Ad, "`a.toplink` (\"全新妙想投研助理，立即体验\")"),
    rule(&[Class("em_xuangu")], Ad, "`.em_xuangu`"),
    rule(&[ClassPrefix("ad_")], Ad, "`div.ad_context…` (ad container with a script and 广告)"),
    // Widget chrome and page furniture.
    rule(&[IdPrefix("quote_")], Furniture, "`span#quote_1.600160` (live quote, empty or `(<a>行情</a> …)`)"),
    rule(&[IdPrefix("bkquote_")], Furniture, "`span#bkquote_90.BK0493` (live board quote)"),
    rule(&[Class("zwothers")], Furniture, "`div.zwothers`"),
    rule(&[Class("pinglunbox")], Furniture, "`.pinglunbox` (comments)"),
    rule(&[Class("sharebox")], Furniture, "`.sharebox` (share buttons)"),
    rule(&[Class("zwctrls")], Furniture, "`.zwctrls`"),
    rule(&[Class("sourcebox")], Furniture, "`.sourcebox`"),
    rule(&[Class("xgxw")], Furniture, "`.xgxw` (related news)"),
    rule(&[Class("page-btn")], Furniture, "`a.page-btn` (下一页)"),
    rule(&[Id("pagerNoDiv")], Furniture, "`#pagerNoDiv` (pagination)"),
    // Article furniture: kept as metadata.
    rule(&[Class("em_media")], Source, "`p.em_media` （文章来源：…）"),
    rule(&[Class("res-edit")], Editor, "`p.res-edit` （责任编辑：…）"),
    rule(&[Class("b-review")], Summary, "`div.b-review` (older layout)"),
    rule(&[Class("abstract")], Summary, "`div.abstract` (older layout)"),
    rule(&[Host("caifuhao.eastmoney.com"), Text("点击查看原文")], OriginalLink, "`<a href=\"http://caifuhao.eastmoney.com/news/…\"><b>[点击查看原文]</b></a>`"),
    // Securities.
    rule(&[Class("EmImageRemark")], Chart, "`a.EmImageRemark` in `<!-- EM_StockImg_Start -->` (K-line chart)"),
    rule(&[Tag("a"), HoldsTracker], Chart, "a link holding a K-line image (`webquoteklinepic…/GetPic.aspx`)"),
    rule(&[Tag("a"), Class("stock-chip")], Chart, "`a.stock-chip` (our own chip, read again)"),
    rule(&[Class("em_stock_key_common"), Host("baike.eastmoney.com")], Keyword, "`.em_stock_key_common` linking `baike.eastmoney.com/item/…` (encyclopedia term)"),
    rule(&[Class("keytip")], Security, "`a.keytip` (first mention)"),
    rule(&[Class("em_stock_key_common")], Security, "`span.em_stock_key_common` with `href` and `data-code` (later mentions; also an `<a>`)"),
    rule(&[Class("zwstock")], Security, "`span.zwstock` (guba, `data-code=\"code,mkt,type\"`)"),
    rule(&[Class("guba_stock")], Security, "`span.guba_stock` (`data-marketcode=\"HK|02370\"`, `data-markettype`)"),
    rule(&[SecurityId], Security, "`span#stock_1.600160`, `#stock_3001042` (legacy), `#bk_90.BK0493`, `#Info.116.00700`"),
    rule(&[Attr("data-code")], Security, "any element with `data-code` (`mkt,code`, `code,mkt,type`, `code|mkt|type`)"),
    rule(&[Attr("data-marketcode")], Security, "any element with `data-marketcode`"),
    rule(&[QuoteLink], Security, "a link to a quote page, in any of the URL forms below"),
    rule(&[Class("infokey")], Keyword, "`span#Info.3321 > a.infokey` (topic or data keyword)"),
    // Comments are never written; these are named for what they are.
    rule(&[Comment("EM_StockImg_")], Placeholder, "`<!-- EM_StockImg_Start -->`, `<!-- EM_StockImg_End -->`"),
    rule(&[Comment("IMG#")], Placeholder, "`<!--IMG#n-->` (a photo kept elsewhere)"),
    rule(&[Comment("VIDEO#")], Placeholder, "`<!--VIDEO#n-->`"),
    rule(&[Comment("Link#")], Placeholder, "`<!--Link#n-->` (in a `span#stock_…`: that security is listed)"),
    rule(&[Comment("原文标题")], OriginalTitle, "`<!--原文标题-->`: the text after it"),
];

/// What [`recognise`] found: the row of [`RULES`] that matched, and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recognised {
    /// The index of the row in [`RULES`].
    pub row: usize,
    /// Its role.
    pub role: Role,
}

/// What the matcher runs on: each row's tests and role, without the README's words, which
/// so stay out of the compiled module. Made from [`RULES`] when compiling.
const MATCHERS: [(&[Test], Role); RULES.len()] = {
    let mut matchers: [(&[Test], Role); RULES.len()] = [(&[], Role::Ad); RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        matchers[i] = (RULES[i].when, RULES[i].role);
        i += 1;
    }
    matchers
};

/// The rule an element matches, if any.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::{recognise, Role};
/// let html = scraper::Html::parse_fragment(r#"<span id="stock_1.688668"><a href="http://quote.eastmoney.com/unify/r/1.688668">澳华内镜</a></span>"#);
/// let span = html.root_element().child_elements().next().unwrap();
/// assert_eq!(recognise(span).map(|r| r.role), Some(Role::Security));
/// ```
pub fn recognise(el: ElementRef<'_>) -> Option<Recognised> {
    // Every element rule reads one of a few attributes; a rule whose attributes are
    // not all there is passed over without a test (most elements have none of them).
    let (read, needs) = read_attributes();
    let element = el.value();
    let present = element.attrs().fold(0u32, |mask, (name, _)| {
        mask | read.iter().position(|r| *r == name).map_or(0, |i| 1 << i)
    });
    if present == 0 {
        return None;
    }
    let href = element.attr_of("href");
    // Read from the attribute, not scraper's `classes()`, which interns each class.
    let mut classes = [""; 4];
    let class = element.attr_of("class").unwrap_or_default();
    for (slot, class) in classes.iter_mut().zip(class.split_ascii_whitespace()) {
        *slot = class;
    }
    let facts = Facts {
        el,
        classes,
        id: element.attr_of("id"),
        href,
        host: href.and_then(host),
    };
    MATCHERS
        .iter()
        .zip(needs)
        .position(|(&(when, _), &need)| {
            present & need == need && when.iter().all(|test| facts.holds(*test))
        })
        .map(|row| Recognised {
            row,
            role: MATCHERS[row].1,
        })
}

/// The rule a comment matches, if any.
pub fn recognise_comment(comment: &str) -> Option<Recognised> {
    let comment = comment.trim();
    MATCHERS
        .iter()
        .position(|(when, _)| matches!(when, [Comment(prefix)] if comment.starts_with(prefix)))
        .map(|row| Recognised {
            row,
            role: MATCHERS[row].1,
        })
}

impl Test {
    /// The attribute the test reads, if it reads one.
    fn attribute(self) -> Option<&'static str> {
        match self {
            Class(_) | ClassPrefix(_) => Some("class"),
            Id(_) | IdPrefix(_) | SecurityId => Some("id"),
            Attr(name) => Some(name),
            // A chart's link holds the tracking image.
            Host(_) | QuoteLink | HoldsTracker => Some("href"),
            Tag(_) | Text(_) | Comment(_) => None,
        }
    }
}

/// The attributes some rule reads, and for each rule the mask of those it needs.
fn read_attributes() -> &'static (Vec<&'static str>, Vec<u32>) {
    static READ: OnceLock<(Vec<&'static str>, Vec<u32>)> = OnceLock::new();
    READ.get_or_init(|| {
        let tests =
            |(when, _): &(&'static [Test], Role)| when.iter().filter_map(|test| test.attribute());
        let mut read: Vec<&'static str> = Vec::new();
        for name in MATCHERS.iter().flat_map(tests) {
            if !read.contains(&name) {
                read.push(name);
            }
        }
        let mask = |rule| {
            tests(rule).fold(0u32, |mask, name| {
                mask | read.iter().position(|r| *r == name).map_or(0, |i| 1 << i)
            })
        };
        let needs = MATCHERS.iter().map(mask).collect();
        (read, needs)
    })
}

/// What the rules read of an element, read once.
struct Facts<'e> {
    el: ElementRef<'e>,
    /// Its first classes (EastMoney's elements have one or two).
    classes: [&'e str; 4],
    id: Option<&'e str>,
    href: Option<&'e str>,
    /// The host `href` points at.
    host: Option<&'e str>,
}

impl Facts<'_> {
    fn holds(&self, test: Test) -> bool {
        let element = self.el.value();
        match test {
            Tag(tag) => element.name() == tag,
            Class(class) => self.classes.iter().any(|c| c.eq_ignore_ascii_case(class)),
            ClassPrefix(prefix) => self.classes.iter().any(|c| c.starts_with(prefix)),
            Id(id) => self.id == Some(id),
            IdPrefix(prefix) => self.id.is_some_and(|id| id.starts_with(prefix)),
            SecurityId => self.id.is_some_and(|id| from_element_id(id).is_some()),
            Attr(name) => element.attr_of(name).is_some(),
            Host(domain) => self.host.is_some_and(|name| is_within(name, domain)),
            QuoteLink => self.href.is_some_and(|href| from_url(href).is_some()),
            HoldsTracker => self.el.children().filter_map(ElementRef::wrap).any(|img| {
                img.value().name() == "img" && img.value().attr_of("src").is_some_and(is_tracker)
            }),
            Text(text) => text_of(self.el).contains(text),
            Comment(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// One element per element rule, in table order, that matches that rule and no
    /// earlier one; a comment per comment rule.
    #[test]
    fn every_rule_has_its_shape() {
        let cases: &[&str] = &[
            r#"<img class="em_handle_adv_close" src="https://g1.dfcfw.com/ad.jpg">"#,
            r#"<a href="https://acttg.eastmoney.com/pub/web_act_khhd_01">开户</a>"#,
            r#"<a class="toplink" href="https://ai.eastmoney.com/">全新妙想投研助理，立即体验</a>"#,
            r#"<div class="em_xuangu">选股</div>"#,
            r#"<div class="ad_context_1">广告</div>"#,
            r#"<span id="quote_1.600160"></span>"#,
            r#"<span id="bkquote_90.BK0493"></span>"#,
            r#"<div class="zwothers">x</div>"#,
            r#"<div class="pinglunbox">x</div>"#,
            r#"<div class="sharebox">x</div>"#,
            r#"<div class="zwctrls">x</div>"#,
            r#"<div class="sourcebox">x</div>"#,
            r#"<div class="xgxw">x</div>"#,
            r#"<a class="page-btn" href="?page=2">下一页</a>"#,
            r#"<div id="pagerNoDiv">1 2 3</div>"#,
            r#"<p class="em_media">（文章来源：上海证券报）</p>"#,
            r#"<p class="res-edit">（责任编辑：DF078）</p>"#,
            r#"<div class="b-review">摘要</div>"#,
            r#"<div class="abstract">摘要</div>"#,
            r#"<a href="http://caifuhao.eastmoney.com/news/20220105"><b>[点击查看原文]</b></a>"#,
            r#"<a class="EmImageRemark" href="http://quote.eastmoney.com/unify/r/1.601628">K</a>"#,
            r#"<a href="http://quote.eastmoney.com/us/aapl.html"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=105.AAPL"></a>"#,
            r#"<a class="stock-chip" href="https://quote.eastmoney.com/unify/r/1.601628">601628.SH</a>"#,
            r#"<span class="em_stock_key_common" href="https://baike.eastmoney.com/item/碳中和">碳中和</span>"#,
            r#"<a class="keytip" data-code="1,600160" href="http://quote.eastmoney.com/unify/r/1.600160">巨化股份</a>"#,
            r#"<span class="em_stock_key_common" href="http://quote.eastmoney.com/r/0.002353">杰瑞股份</span>"#,
            r#"<span class="zwstock" data-code="600519,1,1">贵州茅台</span>"#,
            r#"<span class="guba_stock" data-marketcode="HK|02370" data-markettype="116">$力高健康生活(HK|02370)$</span>"#,
            r#"<span id="stock_3001042">天海防务</span>"#,
            r#"<b data-code="1,601628">中国人寿</b>"#,
            r#"<i data-marketcode="HK|00700">腾讯控股</i>"#,
            r#"<a href="http://quote.eastmoney.com/SZ300104.html">乐视</a>"#,
            r#"<a class="infokey" href="http://data.eastmoney.com/bbsj/">业绩</a>"#,
        ];
        let element_rules: Vec<&Rule> = RULES
            .iter()
            .filter(|r| !matches!(r.when, [Comment(_)]))
            .collect();
        assert_eq!(cases.len(), element_rules.len(), "a case per element rule");
        for (case, expected) in cases.iter().zip(element_rules) {
            let html = Html::parse_fragment(case);
            let el = html.root_element().child_elements().next().expect(case);
            let row = RULES.iter().position(|r| r == expected);
            assert_eq!(recognise(el).map(|r| r.row), row, "{case}");
        }
        for rule in RULES {
            if let [Comment(prefix)] = rule.when {
                let comment = format!(" {prefix}0 ");
                let found = recognise_comment(&comment).map(|r| &RULES[r.row]);
                assert_eq!(found, Some(rule), "{comment}");
            }
        }
    }

    #[test]
    fn plain_markup_has_no_role() {
        for case in [
            "<p>正文</p>",
            r#"<p style="text-align:center;">图片来源：官网</p>"#,
            r#"<a href="http://finance.eastmoney.com/a/1.html">新闻</a>"#,
            r#"<span id="Info.3321">业绩</span>"#,
            r#"<div class="about">x</div>"#,
        ] {
            let html = Html::parse_fragment(case);
            let el = html.root_element().child_elements().next().expect(case);
            assert_eq!(recognise(el), None, "{case}");
        }
    }

    #[test]
    fn hosts_are_matched_whole() {
        let links_to = |href, domain| host(href).is_some_and(|name| is_within(name, domain));
        assert!(!links_to("javascript://acttg.eastmoney.com", "x.cn"));
        assert!(links_to("//acttg.eastmoney.com/x", "acttg.eastmoney.com"));
        assert!(links_to(
            "HTTPS://m.acttg.eastmoney.com",
            "acttg.eastmoney.com"
        ));
        assert!(!links_to(
            "https://notacttg.eastmoney.com/",
            "acttg.eastmoney.com"
        ));
        assert!(!links_to(
            "https://a.cn/?u=acttg.eastmoney.com",
            "acttg.eastmoney.com"
        ));
    }
}
