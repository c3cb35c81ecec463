//! Everything the reader knows of EastMoney's markup, as tables the cleaning walk runs on:
//!
//! - [`RULES`]: shapes of elements and comments → a [`Role`] (security, chart, ad …);
//! - [`MARKETS`], [`URL_FORMS`], [`ID_FORMS`]: how a security is named;
//! - [`TEXTS`]: EastMoney's own lines of text (promotion, editor, disclaimer …);
//! - [`TRACKERS`]: where the K-line tracking images come from.
//!
//! Adding a shape is a row here and a fixture in `tests/fixtures/`.

mod rules;
mod securities;
mod texts;

pub use rules::{recognise, recognise_comment, Recognised, Role, Rule, Test, RULES};
pub(crate) use securities::StockList;
pub use securities::{
    from_data_code, from_element_id, from_market_code, from_url, IdForm, Market, Names, Security,
    UrlForm, BY_CODE, ID_FORMS, LEGACY_DIGITS, MARKETS, URL_FORMS, US_EXCHANGES,
};
pub use texts::{field_value, fold, text_rule, Place, TextRule, TEXTS};
pub(crate) use texts::{fold_into, may_start, prefix_match, LONGEST_START};

use scraper::ElementRef;

use crate::markup::{collapse_spaces, text_of, AttrOf};

/// Hosts and pages of the K-line tracking images (a token in every URL): in no `src`
/// or `href` of the output.
pub const TRACKERS: &[&str] = &["webquoteklinepic.eastmoney.com", "GetPic.aspx"];

/// Whether a URL is a K-line tracking image.
pub fn is_tracker(url: &str) -> bool {
    TRACKERS.iter().any(|tracker| url.contains(tracker))
}

/// The security an element of a chart or security rule names: its `data-code`, guba's
/// `data-marketcode`, its id, or the quote page it links.
pub(crate) fn security_of(el: ElementRef<'_>) -> Option<Security> {
    let element = el.value();
    let named = (element.attr_of("data-code").and_then(from_data_code))
        .or_else(|| {
            let code = element.attr_of("data-marketcode")?;
            from_market_code(code, element.attr_of("data-markettype"))
        })
        .or_else(|| element.attr_of("id").and_then(from_element_id))
        .or_else(|| element.attr_of("href").and_then(from_url));
    // A chart may link a page without the market id (`us/aapl.html`); its tracking
    // image names it (`GetPic.aspx?nid=105.AAPL`).
    match named {
        Some(security) if security.id.is_none() => Some(
            tracked(el)
                .filter(|t| t.code.eq_ignore_ascii_case(&security.code))
                .unwrap_or(security),
        ),
        named => named.or_else(|| tracked(el)),
    }
}

/// The security a K-line tracking image inside an element names by its `nid`.
fn tracked(el: ElementRef<'_>) -> Option<Security> {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .find_map(|img| {
            let src = img.value().attr_of("src").filter(|src| is_tracker(src))?;
            let nid = src
                .split(['?', '&'])
                .find_map(|part| part.strip_prefix("nid="))?;
            let (id, code) = nid.split_once('.')?;
            Security::new(id.parse().ok()?, code)
        })
}

/// The name a security element gives: its text, without guba's `$…(HK|02370)$` dressing.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::security_name;
/// assert_eq!(security_name("$力高健康生活(HK|02370)$"), "力高健康生活");
/// assert_eq!(security_name(" 巨化股份 "), "巨化股份");
/// ```
pub fn security_name(text: &str) -> String {
    let name = collapse_spaces(text);
    match name.strip_prefix('$').and_then(|n| n.strip_suffix('$')) {
        Some(inner) => match inner.rfind(['(', '（']) {
            Some(open) if open > 0 => inner[..open].trim().to_owned(),
            _ => inner.trim().to_owned(),
        },
        None => name,
    }
}

/// The name of a security element, if it shows one.
pub(crate) fn name_of(el: ElementRef<'_>) -> Option<String> {
    Some(security_name(&text_of(el))).filter(|name| !name.is_empty())
}

/// K-line chart images carry a tracking token; 1×1 images are beacons.
pub fn is_tracking_image(src: &str, width: Option<&str>, height: Option<&str>) -> bool {
    let tiny = |v: Option<&str>| v.is_some_and(|v| matches!(v.trim(), "0" | "1" | "0px" | "1px"));
    is_tracker(src) || (tiny(width) && tiny(height))
}

/// Width and height from an EastMoney CDN file name: `D24676903417074885805_w800h555.jpg`,
/// also with a suffix (`_w1563h5643_o.jpg`).
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::size_from_file_name;
/// assert_eq!(size_from_file_name("https://dfscdn.dfcfw.com/download/D2_w800h555.jpg"), Some((800, 555)));
/// assert_eq!(size_from_file_name("https://gbres.dfcfw.com/Files/p_w1563h5643_o.jpg"), Some((1563, 5643)));
/// assert_eq!(size_from_file_name("https://x.cn/a.jpg"), None);
/// ```
pub fn size_from_file_name(src: &str) -> Option<(u32, u32)> {
    let name = src.rsplit('/').next()?.split(['?', '#']).next()?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let size = stem.rsplit_once("_w")?.1;
    let (w, rest) = size.split_once('h')?;
    let h = rest.split('_').next()?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

/// The outlet named by a source line: `（文章来源：上海证券报）` → `上海证券报`.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::source_name;
/// assert_eq!(source_name("（文章来源：上海证券报）").as_deref(), Some("上海证券报"));
/// assert_eq!(source_name("(中证网)").as_deref(), Some("中证网"));
/// ```
pub fn source_name(line: &str) -> Option<String> {
    let inner = line
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let name = ["文章来源：", "文章来源:", "来源：", "来源:"]
        .iter()
        .find_map(|prefix| inner.trim().strip_prefix(prefix))
        .unwrap_or(inner)
        .trim();
    (!name.is_empty() && name.chars().count() <= 30).then(|| name.to_owned())
}

/// The bracketed source at the end of a digest: `…高近17%。（央视新闻客户端）`.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::digest_source;
/// assert_eq!(digest_source("增长8.4%。（央视新闻客户端）").as_deref(), Some("央视新闻客户端"));
/// assert_eq!(digest_source("日内跌幅达5%。"), None);
/// assert_eq!(digest_source("新东方在线(01797.HK)"), None);
/// ```
pub fn digest_source(digest: &str) -> Option<String> {
    let digest = digest.trim_end();
    let open = if digest.ends_with('）') {
        digest.rfind('（')?
    } else if digest.ends_with(')') {
        digest.rfind('(')?
    } else {
        return None;
    };
    let tail = &digest[open..];
    // A code such as `(01797.HK)` is not an outlet; an outlet is named in CJK.
    let inner: String = tail.chars().skip(1).collect();
    if !inner.chars().any(crate::typography::is_cjk) || inner.contains(['。', '，', ',']) {
        return None;
    }
    source_name(tail)
}
