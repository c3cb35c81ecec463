//! URL policy: which URLs may appear in the output, and resolving relative ones.

use std::borrow::Cow;

use iri_string::types::{UriAbsoluteStr, UriReferenceStr};

/// Schemes allowed in `href`; `src` allows only the web ones.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// The schemes allowed for a use.
pub fn schemes(usage: UrlUse) -> &'static [&'static str] {
    match usage {
        UrlUse::Link => LINK_SCHEMES,
        UrlUse::Image => IMAGE_SCHEMES,
    }
}

/// What a URL is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `<a href>`.
    Link,
    /// `<img src>`.
    Image,
}

/// Returns the URL to put in the output, resolved against `base`, or `None` when its
/// scheme is not allowed (`javascript:`, `vbscript:`, `data:` …, however obfuscated:
/// browsers strip tabs and newlines anywhere and control characters at the ends, so
/// the scheme is read as they read it).
///
/// # Examples
/// ```
/// use finews_reader::urls::{safe_url, UrlUse};
/// let base = "https://finews.withounder.com/";
/// assert_eq!(safe_url("//finews.withounder.com/emnews/", base, UrlUse::Link).as_deref(), Some("https://finews.withounder.com/emnews/"));
/// assert_eq!(safe_url("../emnews/", base, UrlUse::Link).as_deref(), Some("https://finews.withounder.com/emnews/"));
/// assert_eq!(safe_url(" java\tscript:alert(1)", base, UrlUse::Link), None);
/// assert_eq!(safe_url("data:image/png;base64,AAAA", base, UrlUse::Image), None);
/// ```
pub fn safe_url(raw: &str, base: &str, usage: UrlUse) -> Option<String> {
    let raw_fragment = raw.trim();
    if usage == UrlUse::Link && is_fragment(raw_fragment) {
        return Some(raw_fragment.to_owned());
    }
    allowed_url(raw, base, usage).filter(|url| valid_web_authority(url))
}

/// A URL attribute as browsers read it (the URL standard): leading and trailing C0
/// controls and spaces trimmed, every ASCII tab and newline removed.
///
/// # Examples
/// ```
/// assert_eq!(finews_reader::urls::as_read(" http://a.cn/con\ncept "), "http://a.cn/concept");
/// ```
pub fn as_read(raw: &str) -> Cow<'_, str> {
    let url = raw.trim_matches(|c: char| c <= ' ');
    match url.contains(['\t', '\n', '\r']) {
        true => Cow::Owned(
            url.chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        ),
        false => Cow::Borrowed(url),
    }
}

/// A link within the page (`#fn:1`, `#市场概况`): kept as written, never resolved
/// against the base, so the table of contents and footnotes work wherever the article
/// is shown. Nothing in it a browser would read as more than a name.
///
/// # Examples
/// ```
/// use finews_reader::urls::is_fragment;
/// assert!(is_fragment("#fn:1") && is_fragment("#市场概况"));
/// assert!(!is_fragment("#a b") && !is_fragment("#") && !is_fragment("/#a"));
/// ```
pub fn is_fragment(url: &str) -> bool {
    url.strip_prefix('#').is_some_and(|name| {
        !name.is_empty()
            && !name.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\' | '#')
            })
    })
}

fn allowed_url(raw: &str, base: &str, usage: UrlUse) -> Option<String> {
    // Fast path: a plain absolute web URL, as nearly every URL of the archive is.
    let plain = |url: &str| {
        url.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
                )
        })
    };
    for scheme in ["https://", "http://"] {
        if raw.len() > scheme.len()
            && raw.as_bytes()[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
            && plain(raw)
        {
            return Some(raw.to_owned());
        }
    }
    if raw.starts_with("//") && !raw.starts_with("///") && plain(raw) && base.starts_with("https:")
    {
        let mut url = String::with_capacity(raw.len() + 6);
        url.push_str("https:");
        url.push_str(raw);
        return Some(url);
    }
    let url = as_read(raw).into_owned();
    let allowed = schemes(usage);
    let is_allowed =
        |url: &str| scheme(url).is_some_and(|s| allowed.iter().any(|a| a.eq_ignore_ascii_case(s)));
    if scheme(&url).is_some() {
        return is_allowed(&url).then(|| encode(&url));
    }
    // The base is an option, not the post: still, `javascript:…` there must not pass.
    resolve(&url, base).filter(|resolved| is_allowed(resolved))
}

/// The scheme of an absolute URL (`javascript` in `JavaScript:…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Resolves a relative reference against `base` (RFC 3986 §5); `None` if either is malformed.
///
/// # Examples
/// ```
/// assert_eq!(finews_reader::urls::resolve("./emnews/", "https://a.cn/x/").as_deref(), Some("https://a.cn/x/emnews/"));
/// ```
pub fn resolve(reference: &str, base: &str) -> Option<String> {
    let base = UriAbsoluteStr::new(base).ok()?;
    let encoded = encode(reference);
    let reference = UriReferenceStr::new(&encoded).ok()?;
    Some(reference.resolve_against(base).to_string())
}

/// Percent-encodes what may not stand in a URI (spaces, quotes, non-ASCII) so that the
/// result is a valid URI; `%` signs already there are kept.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Whether an http(s) URL has an authority that browsers (and the WHATWG `url` crate)
/// accept: `//`, then a host of letters, digits, `-`, `_` and `.` (non-ASCII letters
/// percent-encoded, for IDN; not right-to-left scripts, which IDNA's bidi rule may
/// refuse), an IPv4 or bracketed IPv6 address, and a port of at most 65535. Stricter
/// than browsers, never looser: a link to a host no browser can reach is dropped.
fn valid_web_authority(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return true;
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return true;
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let (host_ok, port) = match host_port.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, port)) => (address.parse::<std::net::Ipv6Addr>().is_ok(), port),
            None => (false, ""),
        },
        None => {
            let end = host_port.find(':').unwrap_or(host_port.len());
            (valid_host(&host_port[..end]), &host_port[end..])
        }
    };
    let port_ok = match port.strip_prefix(':') {
        // Digits only: Rust's `parse` also takes a sign (`+80`), a URL port does not.
        Some(digits) => {
            digits.bytes().all(|b| b.is_ascii_digit())
                && (digits.is_empty() || digits.parse::<u16>().is_ok())
        }
        None => port.is_empty(),
    };
    host_ok && port_ok
}

fn valid_host(host: &str) -> bool {
    let Some(host) = percent_decode(host) else {
        return false;
    };
    let rtl = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    let chars_ok = host.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '-' | '_' | '.')
            || (!c.is_ascii() && c.is_alphanumeric() && !rtl(c))
    });
    let name = host.trim_end_matches('.');
    let numeric = |label: &str| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit());
    // WHATWG reads a host whose last label is a number as an IPv4 address.
    let address_ok =
        !name.rsplit('.').next().is_some_and(numeric) || name.parse::<std::net::Ipv4Addr>().is_ok();
    !host.is_empty() && chars_ok && address_ok
}

fn percent_decode(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('%') {
        return Some(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

/// The host of an absolute or protocol-relative URL, as written (hosts compare in any case).
///
/// ```
/// use finews_reader::urls::host;
/// assert_eq!(host("https://user@Quote.EastMoney.com:443/r/1.600000"), Some("Quote.EastMoney.com"));
/// assert_eq!(host(" //acttg.eastmoney.com:80/x"), Some("acttg.eastmoney.com"));
/// assert_eq!(host("/news/1.html"), None);
/// ```
pub fn host(url: &str) -> Option<&str> {
    let url = url.trim();
    // A character search, not `split_once("://")`: a string searcher is set up each call.
    let rest = match url.find(':') {
        Some(colon) if url.as_bytes()[..colon].iter().all(u8::is_ascii_alphabetic) => {
            &url[colon + 1..]
        }
        _ => url,
    };
    let authority = rest.strip_prefix("//")?.split(['/', '?', '#']).next()?;
    authority.rsplit('@').next()?.split(':').next()
}

/// Whether host `name` is `domain` or a host below it, in any case. Compared as bytes:
/// `name` is untrusted and may hold any character.
///
/// ```
/// use finews_reader::urls::is_within;
/// assert!(is_within("M.ACTTG.eastmoney.com", "acttg.eastmoney.com"));
/// assert!(!is_within("notacttg.eastmoney.com", "acttg.eastmoney.com"));
/// assert!(!is_within("éaaaaaaaaaaaaa", "eastmoney.com"));
/// ```
pub fn is_within(name: &str, domain: &str) -> bool {
    let (name, domain) = (name.as_bytes(), domain.as_bytes());
    match name.len().checked_sub(domain.len()) {
        Some(0) => name.eq_ignore_ascii_case(domain),
        Some(start) => name[start - 1] == b'.' && name[start..].eq_ignore_ascii_case(domain),
        None => false,
    }
}

/// `http://` → `https://` for hosts known to serve https.
pub fn upgrade(url: &str) -> String {
    match url.strip_prefix("http://") {
        Some(rest) if host(url).is_some_and(|host| is_within(host, "eastmoney.com")) => {
            let mut upgraded = String::with_capacity(url.len() + 1);
            upgraded.push_str("https://");
            upgraded.push_str(rest);
            upgraded
        }
        _ => url.to_owned(),
    }
}
