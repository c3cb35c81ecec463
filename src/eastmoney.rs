//! What EastMoney markup means: market ids, `data-code` forms, quote pages, trackers.

use std::collections::HashMap;

use crate::article::{Stock, StockSource};
use crate::error::{WarningCode, Warnings};

/// EastMoney market ids and the market each stands for.
const MARKETS: &[(&str, &str)] = &[
    ("0", "SZ"),
    ("1", "SH"),
    ("116", "HK"),
    ("128", "HK"),
    ("105", "US"),
    ("106", "US"),
    ("107", "US"),
    ("153", "US"),
    ("90", "BK"),
    ("100", "INDEX"),
    ("155", "UK"),
    ("156", "UK"),
];

/// The market (`SH`, `HK` …) of an EastMoney market id, if known.
pub fn market_name(id: &str) -> Option<&'static str> {
    MARKETS
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, name)| *name)
}

/// The quote page of a security, on https (EastMoney serves it).
pub fn quote_url(market_id: &str, code: &str) -> String {
    format!("https://quote.eastmoney.com/unify/r/{market_id}.{code}")
}

/// A security as EastMoney names it: market id and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityId {
    /// EastMoney's market id (`1`, `116` …).
    pub market_id: String,
    /// The code (`600160`, `NIO`, `BK0493`).
    pub code: String,
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 16
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn valid_market(id: &str) -> bool {
    !id.is_empty() && id.len() <= 4 && id.bytes().all(|b| b.is_ascii_digit())
}

fn security(market_id: &str, code: &str) -> Option<SecurityId> {
    let (market_id, code) = (market_id.trim(), code.trim());
    (valid_market(market_id) && valid_code(code)).then(|| SecurityId {
        market_id: market_id.to_owned(),
        code: code.to_owned(),
    })
}

/// Reads a `data-code`: `code|mkt|type` on charts, `mkt,code` inline.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::parse_data_code;
/// assert_eq!(parse_data_code("601628|1|1").unwrap().market_id, "1");
/// assert_eq!(parse_data_code("106,NIO").unwrap().code, "NIO");
/// assert!(parse_data_code("javascript:alert(1)").is_none());
/// ```
pub fn parse_data_code(data_code: &str) -> Option<SecurityId> {
    let data_code = data_code.trim().trim_start_matches("K ");
    if let Some((market_id, code)) = data_code.split_once(',') {
        return security(market_id, code);
    }
    let mut parts = data_code.split('|');
    let code = parts.next()?;
    security(parts.next()?, code)
}

/// Reads a quote-page URL: `http://quote.eastmoney.com/unify/r/1.600160`.
pub fn parse_quote_url(href: &str) -> Option<SecurityId> {
    let rest = href.split_once("quote.eastmoney.com/unify/r/")?.1;
    let (market_id, code) = rest.split_once('.')?;
    security(market_id, code.trim_end_matches('/'))
}

/// K-line chart images carry a tracking token; 1×1 images are beacons.
pub fn is_tracking_image(src: &str, width: Option<&str>, height: Option<&str>) -> bool {
    let tiny = |v: Option<&str>| v.is_some_and(|v| matches!(v.trim(), "0" | "1" | "0px" | "1px"));
    src.contains("webquoteklinepic.eastmoney.com")
        || src.contains("GetPic.aspx")
        || (tiny(width) && tiny(height))
}

/// Width and height from an EastMoney CDN file name: `D24676903417074885805_w800h555.jpg`.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::size_from_file_name;
/// assert_eq!(size_from_file_name("https://dfscdn.dfcfw.com/download/D2_w800h555.jpg"), Some((800, 555)));
/// assert_eq!(size_from_file_name("https://x.cn/a.jpg"), None);
/// ```
pub fn size_from_file_name(src: &str) -> Option<(u32, u32)> {
    let name = src.rsplit('/').next()?.split(['?', '#']).next()?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let size = stem.rsplit_once("_w")?.1;
    let (w, h) = size.split_once('h')?;
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

/// The securities of a post, de-duplicated by market and code, in order of first mention.
#[derive(Debug, Default)]
pub(crate) struct StockList {
    stocks: Vec<Stock>,
    index: HashMap<(String, String), usize>,
    limited: bool,
}

impl StockList {
    pub(crate) fn add(
        &mut self,
        id: &SecurityId,
        name: Option<String>,
        from: StockSource,
        max: usize,
        warnings: &mut Warnings,
    ) {
        let key = (id.market_id.clone(), id.code.clone());
        if let Some(&i) = self.index.get(&key) {
            let stock = &mut self.stocks[i];
            if stock.name.is_none() {
                stock.name = name;
            }
            return;
        }
        if self.stocks.len() >= max {
            if !self.limited {
                self.limited = true;
                warnings.push(
                    WarningCode::StocksLimited,
                    format!("only the first {max} securities are listed"),
                );
            }
            return;
        }
        let market = market_name(&id.market_id).map_or_else(
            || {
                warnings.push(
                    WarningCode::UnknownMarket,
                    format!("unknown EastMoney market id {}", id.market_id),
                );
                id.market_id.clone()
            },
            str::to_owned,
        );
        self.index.insert(key, self.stocks.len());
        self.stocks.push(Stock {
            code: id.code.clone(),
            market,
            name,
            quote_url: quote_url(&id.market_id, &id.code),
            from,
        });
    }

    /// The display label of a security already listed: `蔚来 NIO.US` or `601628.SH`.
    pub(crate) fn label(&self, id: &SecurityId) -> String {
        let key = (id.market_id.clone(), id.code.clone());
        match self.index.get(&key).map(|&i| &self.stocks[i]) {
            Some(Stock {
                name: Some(name),
                code,
                market,
                ..
            }) => format!("{name} {code}.{market}"),
            Some(Stock { code, market, .. }) => format!("{code}.{market}"),
            None => id.code.clone(),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Stock> {
        self.stocks
    }
}
