//! Securities as EastMoney names them: its market ids, and every form a post links or
//! tags one in (URL, element id, `data-code`), as tables; and the post's list of them.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::article::{Stock, StockSource};
use crate::error::{WarningCode, Warnings};

/// A row of [`MARKETS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Market {
    /// EastMoney's numeric market ids.
    pub ids: &'static [u16],
    /// The `market` field.
    pub market: &'static str,
    /// What trades there.
    pub what: &'static str,
}

const fn market(ids: &'static [u16], market: &'static str, what: &'static str) -> Market {
    Market { ids, market, what }
}

/// EastMoney's numeric market ids. An id not listed keeps its number: `MKT-<id>`.
#[rustfmt::skip]
pub const MARKETS: &[Market] = &[
    market(&[0], "SZ", "Shenzhen A/B, ChiNext"),
    market(&[1], "SH", "Shanghai A/B, STAR"),
    market(&[2], "INDEX", "CSI indexes"),
    market(&[116, 128], "HK", "Hong Kong"),
    market(&[105, 106, 107, 153], "US", "NASDAQ, NYSE, NYSE American"),
    market(&[90], "BK", "sector and concept boards"),
    market(&[100, 124], "INDEX", "global and Hong Kong indexes"),
    market(&[8, 113, 114, 115, 142, 220, 225, 101, 104, 112, 122], "FUT",
        "futures (CFFEX, SHFE, DCE, ZCE, INE, GFEX; global), spot metals"),
    market(&[119, 120, 133, 162], "FX", "forex"),
    market(&[150], "FUND", "funds"),
    market(&[155, 156], "UK", "London"),
];

/// Codes that say more than their market id: Beijing stocks trade under id 0, and the
/// Shanghai and Shenzhen indexes under 1 and 0. `(id, code prefix, market)`.
#[rustfmt::skip]
pub const BY_CODE: &[(u16, &str, &str)] = &[
    (0, "43", "BJ"), (0, "83", "BJ"), (0, "87", "BJ"), (0, "920", "BJ"),
    (1, "000", "INDEX"), (0, "399", "INDEX"),
];

/// The last digit of a legacy element id (`stock_3001042`): `(digit, id, market)`.
pub const LEGACY_DIGITS: &[(u8, Option<u16>, &str)] = &[
    (b'1', Some(1), "SH"),
    (b'2', Some(0), "SZ"),
    (b'5', Some(116), "HK"),
    (b'7', None, "US"),
];

/// US exchanges, as legacy ids (`stock_NYSE_WMT7`) and `?Market=` name them.
pub const US_EXCHANGES: &[(&str, u16)] = &[("NASDAQ", 105), ("NYSE", 106), ("AMEX", 107)];

/// How a URL form tells the market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// From the `{mkt}` in the path.
    Id,
    /// This market id.
    Fixed(u16),
    /// Beijing: id 0, market `BJ` whatever the code.
    Beijing,
    /// An index: id 0 for `399…` codes, else 1.
    Index,
    /// A US stock: the exchange from `?Market=`, if any.
    Us,
    /// A market with no id in the URL (`FUT`, `FX`).
    Named(&'static str),
    /// A legacy code with its market digit (`{code}{digit}`).
    Legacy,
    /// A legacy industry board: `BK` and the number, id 90.
    Board,
}

/// A row of [`URL_FORMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlForm {
    /// The host (any case; `http`, `https` or `//`).
    pub host: &'static str,
    /// The path: literal text (any case), `{mkt}` (digits) and `{code}` (letters, digits, `_`).
    pub path: &'static str,
    /// How it tells the market.
    pub names: Names,
}

const QUOTE: &str = "quote.eastmoney.com";

const fn form(host: &'static str, path: &'static str, names: Names) -> UrlForm {
    UrlForm { host, path, names }
}

/// Every URL form a security is linked by, first match wins.
#[rustfmt::skip]
pub const URL_FORMS: &[UrlForm] = &[
    form(QUOTE, "unify/r/{mkt}.{code}", Names::Id),
    form(QUOTE, "unify/cr/{mkt}.{code}", Names::Id),
    form(QUOTE, "r/{mkt}.{code}", Names::Id),
    form(QUOTE, "sh{code}.html", Names::Fixed(1)),
    form(QUOTE, "sz{code}.html", Names::Fixed(0)),
    form(QUOTE, "bj{code}.html", Names::Beijing),
    form(QUOTE, "zs{code}.html", Names::Index),
    form(QUOTE, "concept/sh{code}.html", Names::Fixed(1)),
    form(QUOTE, "concept/sz{code}.html", Names::Fixed(0)),
    form(QUOTE, "kcb/{code}.html", Names::Fixed(1)),
    form(QUOTE, "bj/{code}.html", Names::Beijing),
    form(QUOTE, "hk/{code}.html", Names::Fixed(116)),
    form(QUOTE, "us/{code}.html", Names::Us),
    form(QUOTE, "gb/zs{code}.html", Names::Fixed(100)),
    form(QUOTE, "bk/{mkt}.{code}.html", Names::Id),
    form(QUOTE, "globalfuture/{code}.html", Names::Named("FUT")),
    form(QUOTE, "forex/{code}.html", Names::Named("FX")),
    form("fund.eastmoney.com", "{code}.html", Names::Fixed(150)),
    form("wap.eastmoney.com", "quota/stock/index/{code}", Names::Legacy),
    form("stock.eastmoney.com", "hangye/hy{code}.html", Names::Board),
];

/// A row of [`ID_FORMS`]: an element id prefix and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdForm {
    /// The id starts with this (exact case).
    pub prefix: &'static str,
    /// `{mkt}.{code}`, and whether a legacy form may stand instead.
    pub legacy: Option<Names>,
}

/// Element ids that name a security (`stock_1.600160`, `stock_3001042`, `bk_90.BK0493`).
pub const ID_FORMS: &[IdForm] = &[
    IdForm {
        prefix: "stock_",
        legacy: Some(Names::Legacy),
    },
    IdForm {
        prefix: "bk_",
        legacy: Some(Names::Board),
    },
    IdForm {
        prefix: "Info.",
        legacy: None,
    },
];

/// A security: market and code, and EastMoney's numeric market id where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    /// EastMoney's market id (`1`, `116`), if the markup gives or implies one.
    pub id: Option<u16>,
    /// `SH`, `HK`, `FUND`, `MKT-<id>` …
    pub market: Cow<'static, str>,
    /// `600160`, `NIO`, `BK0493`.
    pub code: String,
}

impl Security {
    /// The market of a numeric id and a code (`0.830799` is Beijing).
    ///
    /// # Examples
    /// ```
    /// use finews_reader::eastmoney::Security;
    /// assert_eq!(Security::new(0, "830799").unwrap().market, "BJ");
    /// assert_eq!(Security::new(1, "000001").unwrap().market, "INDEX");
    /// assert_eq!(Security::new(999, "X").unwrap().market, "MKT-999");
    /// assert!(Security::new(1, "60 01").is_none());
    /// ```
    pub fn new(id: u16, code: &str) -> Option<Security> {
        let code = valid_code(code)?;
        let market = market_of(id, &code);
        Some(Security {
            id: Some(id),
            market,
            code,
        })
    }

    fn named(market: &'static str, code: &str) -> Option<Security> {
        Some(Security {
            id: None,
            market: Cow::Borrowed(market),
            code: valid_code(code)?,
        })
    }

    /// Its canonical quote page: `https://quote.eastmoney.com/unify/r/{id}.{code}` where
    /// the id is known, a fund's page on `fund.eastmoney.com`, else the market's page.
    pub fn quote_url(&self) -> String {
        let id = self.id.map(|id| id.to_string());
        let (host, parts): (&str, [&str; 4]) = match (self.market.as_ref(), &id) {
            ("FUND", _) => ("fund.eastmoney.com", ["", "", &self.code, ".html"]),
            (_, Some(id)) => (QUOTE, ["unify/r/", id, ".", &self.code]),
            ("FX", None) => (QUOTE, ["forex/", "", &self.code, ".html"]),
            ("FUT", None) => (QUOTE, ["globalfuture/", "", &self.code, ".html"]),
            (_, None) => (QUOTE, ["us/", "", &self.code, ".html"]),
        };
        // Concatenated, not `format!`: a quote page is written for every mention.
        let mut url = String::with_capacity(40 + self.code.len());
        for part in ["https://", host, "/"].into_iter().chain(parts) {
            url.push_str(part);
        }
        url
    }
}

fn market_of(id: u16, code: &str) -> Cow<'static, str> {
    let by_code = BY_CODE
        .iter()
        .find(|(i, prefix, _)| *i == id && code.len() == 6 && code.starts_with(prefix));
    let by_id = MARKETS.iter().find(|m| m.ids.contains(&id));
    match (by_code, by_id) {
        (Some((_, _, market)), _) => Cow::Borrowed(market),
        (None, Some(m)) => Cow::Borrowed(m.market),
        (None, None) => Cow::Owned(format!("MKT-{id}")),
    }
}

/// A code as a listing writes it: letters, digits, `_`, at most 16; US symbols upper case.
fn valid_code(code: &str) -> Option<String> {
    let code = code.trim();
    let ok = !code.is_empty()
        && code.len() <= 16
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then(|| code.to_owned())
}

fn market_id(id: &str) -> Option<u16> {
    let id = id.trim();
    let digits = !id.is_empty() && id.len() <= 4 && id.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| id.parse().ok()).flatten()
}

/// `{mkt}.{code}`: `1.600160`, `90.BK0493`.
fn dotted(text: &str) -> Option<Security> {
    let (id, code) = text.split_once('.')?;
    Security::new(market_id(id)?, code)
}

/// Reads a `data-code`: `mkt,code` inline, `code,mkt,type` in guba posts, `code|mkt|type`
/// on charts (`K ` before it on the chart image).
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::from_data_code;
/// assert_eq!(from_data_code("601628|1|1").unwrap().market, "SH");
/// assert_eq!(from_data_code("106,NIO").unwrap().code, "NIO");
/// assert_eq!(from_data_code("02370,116,1").unwrap().market, "HK");
/// assert!(from_data_code("javascript:alert(1)").is_none());
/// ```
pub fn from_data_code(data_code: &str) -> Option<Security> {
    let data_code = data_code.trim().trim_start_matches("K ");
    let parts: Vec<&str> = data_code.split([',', '|']).collect();
    match (parts.as_slice(), data_code.contains(',')) {
        ([id, code], true) => Security::new(market_id(id)?, code),
        ([code, id, _], true) | ([code, id, ..], false) => Security::new(market_id(id)?, code),
        _ => None,
    }
}

/// Reads guba's pair `data-marketcode="HK|02370"` and `data-markettype="116"`.
pub fn from_market_code(market_code: &str, market_type: Option<&str>) -> Option<Security> {
    let code = market_code.rsplit('|').next()?;
    match market_type.and_then(market_id) {
        Some(id) => Security::new(id, code),
        // No id given: a market's first id is its main board; a US id names the
        // exchange, which the name does not tell.
        None => {
            let named = market_code.split('|').next()?.trim().to_ascii_uppercase();
            let row = MARKETS.iter().find(|m| m.market == named)?;
            match row.market {
                "US" => Security::named(row.market, code),
                _ => Security::new(row.ids[0], code),
            }
        }
    }
}

/// Reads an element id that names a security (see [`ID_FORMS`]).
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::from_element_id;
/// let legacy = from_element_id("stock_3001042").unwrap();
/// assert_eq!((legacy.market.as_ref(), legacy.code.as_str()), ("SZ", "300104"));
/// assert_eq!(from_element_id("stock_NYSE_WMT7").unwrap().quote_url(), "https://quote.eastmoney.com/unify/r/106.WMT");
/// assert_eq!(from_element_id("Info.116.00700").unwrap().market, "HK");
/// assert!(from_element_id("Info.3321").is_none());
/// assert!(from_element_id("quote_1.600160").is_none());
/// ```
pub fn from_element_id(id: &str) -> Option<Security> {
    ID_FORMS.iter().find_map(|form| {
        let rest = id.strip_prefix(form.prefix)?;
        dotted(rest).or_else(|| legacy(form.legacy?, rest))
    })
}

/// The legacy forms: a code and its market digit, a board number.
fn legacy(names: Names, text: &str) -> Option<Security> {
    match names {
        Names::Legacy => {
            let (&digit, code) = text.as_bytes().split_last()?;
            let &(_, id, market) = LEGACY_DIGITS.iter().find(|(d, _, _)| *d == digit)?;
            let code = text.get(..code.len())?;
            match (id, code.split_once('_')) {
                (Some(id), None) => Security::new(id, code),
                (None, Some((exchange, symbol))) => {
                    let id = US_EXCHANGES.iter().find(|(e, _)| *e == exchange)?.1;
                    Security::new(id, &symbol.to_ascii_uppercase())
                }
                (None, None) => Security::named(market, &code.to_ascii_uppercase()),
                (Some(_), Some(_)) => None,
            }
        }
        Names::Board => {
            let number: u16 = text.parse().ok().filter(|_| text.len() <= 4)?;
            Security::new(90, &format!("BK{number:04}"))
        }
        _ => None,
    }
}

/// Reads a quote-page URL in any of the [`URL_FORMS`].
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::from_url;
/// let s = from_url("http://quote.eastmoney.com/unify/r/1.600160").unwrap();
/// assert_eq!((s.market.as_ref(), s.code.as_str()), ("SH", "600160"));
/// assert_eq!(from_url("//QUOTE.eastmoney.com/SZ300104.html").unwrap().market, "SZ");
/// assert_eq!(from_url("https://quote.eastmoney.com/us/aapl.html?Market=NASDAQ").unwrap().quote_url(), "https://quote.eastmoney.com/unify/r/105.AAPL");
/// assert_eq!(from_url("http://fund.eastmoney.com/501300.html").unwrap().market, "FUND");
/// assert!(from_url("http://data.eastmoney.com/bbsj/").is_none());
/// ```
pub fn from_url(url: &str) -> Option<Security> {
    // As the link's href is written: as browsers read it.
    let url = crate::urls::as_read(url);
    let url = url.as_ref();
    let rest = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| strip_prefix_ignore_case(url, scheme))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (path, query) = path.split_once(['?', '#']).unwrap_or((path, ""));
    let path = path.trim_end_matches('/');
    URL_FORMS
        .iter()
        .filter(|f| authority.eq_ignore_ascii_case(f.host))
        .find_map(|f| {
            let (id, code) = match_path(f.path, path)?;
            security_of_form(f.names, id, code, query)
        })
}

fn security_of_form(names: Names, id: Option<&str>, code: &str, query: &str) -> Option<Security> {
    match names {
        Names::Id => Security::new(market_id(id?)?, code),
        Names::Fixed(id) => Security::new(id, code),
        Names::Beijing => Some(Security {
            market: Cow::Borrowed("BJ"),
            ..Security::new(0, code)?
        }),
        Names::Index => {
            Security::new(if code.starts_with("399") { 0 } else { 1 }, code).map(|s| Security {
                market: Cow::Borrowed("INDEX"),
                ..s
            })
        }
        Names::Us => {
            let symbol = code.to_ascii_uppercase();
            let exchange = query.split('&').find_map(|pair| {
                pair.strip_prefix("Market=")
                    .or(pair.strip_prefix("market="))
            });
            match exchange
                .and_then(|e| US_EXCHANGES.iter().find(|(x, _)| x.eq_ignore_ascii_case(e)))
            {
                Some(&(_, id)) => Security::new(id, &symbol),
                None => Security::named("US", &symbol),
            }
        }
        Names::Named(market) => Security::named(market, code),
        Names::Legacy | Names::Board => legacy(names, code),
    }
}

/// Matches `path` against a form's pattern: `{mkt}` digits, `{code}` letters, digits, `_`.
fn match_path<'p>(pattern: &str, path: &'p str) -> Option<(Option<&'p str>, &'p str)> {
    let (mut id, mut code) = (None, None);
    let (mut pattern, mut path) = (pattern, path);
    while !pattern.is_empty() {
        if let Some(rest) = pattern.strip_prefix("{mkt}") {
            let end = path.bytes().take_while(u8::is_ascii_digit).count();
            id = Some(&path[..end]);
            (pattern, path) = (rest, &path[end..]);
        } else if let Some(rest) = pattern.strip_prefix("{code}") {
            let end = path
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            code = Some(&path[..end]);
            (pattern, path) = (rest, &path[end..]);
        } else {
            let literal = pattern.find('{').unwrap_or(pattern.len());
            path = strip_prefix_ignore_case(path, &pattern[..literal])?;
            pattern = &pattern[literal..];
        }
    }
    path.is_empty()
        .then_some((id, code.filter(|c| !c.is_empty())?))
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The securities of a post, de-duplicated by market and code, in order of first mention.
#[derive(Debug, Default)]
pub(crate) struct StockList {
    stocks: Vec<Stock>,
    index: HashMap<(String, String), usize>,
    limited: bool,
}

impl StockList {
    /// Lists a security (a later mention may add its name, or the id its quote page lacked).
    /// `name` is asked for only when the list has none for it yet.
    pub(crate) fn add(
        &mut self,
        security: &Security,
        name: impl FnOnce() -> Option<String>,
        from: StockSource,
        max: usize,
        warnings: &mut Warnings,
    ) {
        let key = Self::key(security);
        if let Some(&i) = self.index.get(&key) {
            let stock = &mut self.stocks[i];
            if stock.name.is_none() {
                stock.name = name();
            }
            if !stock.quote_url.contains("/unify/r/") && security.id.is_some() {
                stock.quote_url = security.quote_url();
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
        if security.market.starts_with("MKT-") {
            warnings.push(
                WarningCode::UnknownMarket,
                format!("unknown EastMoney market id {}", &security.market[4..]),
            );
        }
        self.index.insert(key, self.stocks.len());
        self.stocks.push(Stock {
            code: security.code.clone(),
            market: security.market.clone().into_owned(),
            name: name(),
            quote_url: security.quote_url(),
            from,
        });
    }

    /// How a security is told apart: market and code (US symbols in any case).
    pub(crate) fn key(security: &Security) -> (String, String) {
        (
            security.market.clone().into_owned(),
            security.code.to_ascii_uppercase(),
        )
    }

    /// The display label of a security already listed: `蔚来 NIO.US` or `601628.SH`.
    pub(crate) fn label(&self, security: &Security) -> String {
        match self
            .index
            .get(&Self::key(security))
            .map(|&i| &self.stocks[i])
        {
            Some(Stock {
                name: Some(name),
                code,
                market,
                ..
            }) => format!("{name} {code}.{market}"),
            Some(Stock { code, market, .. }) => format!("{code}.{market}"),
            None => security.code.clone(),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Stock> {
        self.stocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(url: &str) -> (Option<u16>, String, String) {
        let s = from_url(url).unwrap_or_else(|| panic!("{url}"));
        (s.id, s.market.into_owned(), s.code)
    }

    /// One URL per row of URL_FORMS, in its order.
    #[test]
    fn every_url_form() {
        let cases: &[(&str, Option<u16>, &str, &str)] = &[
            (
                "http://quote.eastmoney.com/unify/r/1.600160",
                Some(1),
                "SH",
                "600160",
            ),
            (
                "https://quote.eastmoney.com/unify/cr/0.300343",
                Some(0),
                "SZ",
                "300343",
            ),
            ("//quote.eastmoney.com/r/0.002353", Some(0), "SZ", "002353"),
            (
                "http://quote.eastmoney.com/SH688668.html",
                Some(1),
                "SH",
                "688668",
            ),
            (
                "http://quote.eastmoney.com/sz300104.html",
                Some(0),
                "SZ",
                "300104",
            ),
            (
                "http://quote.eastmoney.com/bj830799.html",
                Some(0),
                "BJ",
                "830799",
            ),
            (
                "http://quote.eastmoney.com/ZS399001.html",
                Some(0),
                "INDEX",
                "399001",
            ),
            (
                "http://quote.eastmoney.com/concept/sh603777.html",
                Some(1),
                "SH",
                "603777",
            ),
            (
                "http://quote.eastmoney.com/concept/sz000858.html",
                Some(0),
                "SZ",
                "000858",
            ),
            (
                "http://quote.eastmoney.com/kcb/688981.html",
                Some(1),
                "SH",
                "688981",
            ),
            (
                "http://quote.eastmoney.com/bj/430047.html",
                Some(0),
                "BJ",
                "430047",
            ),
            (
                "http://quote.eastmoney.com/hk/00700.html",
                Some(116),
                "HK",
                "00700",
            ),
            (
                "http://quote.eastmoney.com/us/aapl.html",
                None,
                "US",
                "AAPL",
            ),
            (
                "http://quote.eastmoney.com/gb/zsNDX.html",
                Some(100),
                "INDEX",
                "NDX",
            ),
            (
                "http://quote.eastmoney.com/bk/90.BK0493.html",
                Some(90),
                "BK",
                "BK0493",
            ),
            (
                "http://quote.eastmoney.com/globalfuture/GC00Y.html",
                None,
                "FUT",
                "GC00Y",
            ),
            (
                "http://quote.eastmoney.com/forex/USDCNH.html",
                None,
                "FX",
                "USDCNH",
            ),
            (
                "https://fund.eastmoney.com/501300.html",
                Some(150),
                "FUND",
                "501300",
            ),
            (
                "http://wap.eastmoney.com/quota/stock/index/6001601",
                Some(1),
                "SH",
                "600160",
            ),
            (
                "http://stock.eastmoney.com/hangye/hy438.html",
                Some(90),
                "BK",
                "BK0438",
            ),
        ];
        assert_eq!(cases.len(), URL_FORMS.len(), "a case per form");
        for &(url, id, market, code) in cases {
            assert_eq!(read(url), (id, market.to_owned(), code.to_owned()), "{url}");
        }
    }

    #[test]
    fn every_market() {
        for row in MARKETS {
            for &id in row.ids {
                let s = Security::new(id, "X1").unwrap();
                assert_eq!(s.market, row.market, "{id}");
            }
        }
        for &(id, prefix, market) in BY_CODE {
            let code = format!("{prefix:0<6}");
            assert_eq!(Security::new(id, &code).unwrap().market, market, "{code}");
        }
        assert_eq!(Security::new(0, "000001").unwrap().market, "SZ", "平安银行");
        assert_eq!(Security::new(77, "A").unwrap().market, "MKT-77");
    }

    #[test]
    fn every_id_form() {
        let cases = [
            ("stock_1.688668", "SH", "688668"),
            ("stock_6007171", "SH", "600717"),
            ("stock_3001042", "SZ", "300104"),
            ("stock_007005", "HK", "00700"),
            ("stock_NYSE_WMT7", "US", "WMT"),
            ("stock_BABA7", "US", "BABA"),
            ("bk_90.BK0493", "BK", "BK0493"),
            ("bk_438", "BK", "BK0438"),
            ("Info.116.00700", "HK", "00700"),
        ];
        for (id, market, code) in cases {
            let s = from_element_id(id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!((s.market.as_ref(), s.code.as_str()), (market, code), "{id}");
        }
        for not in [
            "quote_1.600160",
            "bkquote_90.BK0493",
            "Info.3321",
            "stock_",
            "stock_9",
            "stock_12343",
        ] {
            assert!(from_element_id(not).is_none(), "{not}");
        }
    }

    #[test]
    fn data_code_forms() {
        let cases = [
            ("1,600160", "SH", "600160"),
            ("NIO|106|7", "US", "NIO"),
            ("K 601628|1|1", "SH", "601628"),
            ("600519,1,1", "SH", "600519"),
        ];
        for (data, market, code) in cases {
            let s = from_data_code(data).unwrap();
            assert_eq!(
                (s.market.as_ref(), s.code.as_str()),
                (market, code),
                "{data}"
            );
        }
        let hk = from_market_code("HK|02370", Some("116")).unwrap();
        assert_eq!((hk.market.as_ref(), hk.code.as_str()), ("HK", "02370"));
        assert_eq!(from_market_code("HK|02370", None).unwrap().market, "HK");
    }

    #[test]
    fn quote_urls_are_canonical() {
        assert_eq!(
            from_url("http://quote.eastmoney.com/sh600519.html")
                .unwrap()
                .quote_url(),
            "https://quote.eastmoney.com/unify/r/1.600519"
        );
        assert_eq!(
            from_url("http://quote.eastmoney.com/forex/USDCNH.html")
                .unwrap()
                .quote_url(),
            "https://quote.eastmoney.com/forex/USDCNH.html"
        );
        assert_eq!(
            Security::new(150, "501300").unwrap().quote_url(),
            "https://fund.eastmoney.com/501300.html"
        );
    }
}
