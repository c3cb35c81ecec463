//! Stage 2: read the YAML front matter, recovering from what the archive gets wrong.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::article::FrontMatter;
use crate::error::{WarningCode, Warnings};

/// Parses front-matter YAML into a [`FrontMatter`], never failing: invalid YAML is
/// read line by line (each line with the real parser) and reported in `warnings`.
///
/// # Examples
/// ```
/// let fm = finews_reader::parse_front_matter_yaml("title: \"他说\"好\"\"\ndate: 2021-12-08 10:46:18\ntags: a b");
/// assert_eq!(fm.title, "他说\"好\"");
/// assert_eq!(fm.date.as_deref(), Some("2021-12-08T10:46:18+08:00"));
/// assert_eq!(fm.tags, ["a", "b"]);
/// assert_eq!(fm.warnings[0].code, finews_reader::WarningCode::FrontMatterRecovered);
/// ```
pub fn parse_front_matter_yaml(yaml: &str) -> FrontMatter {
    let mut warnings = Warnings::default();
    let map = read_map(yaml, &mut warnings);
    from_map(map, warnings)
}

pub(crate) fn from_map(map: Map<String, Value>, mut warnings: Warnings) -> FrontMatter {
    let title = map.get("title").map(scalar_text).unwrap_or_default();
    let title = crate::parse::decode_entities(title.trim());
    let date = read_date(map.get("date"), &mut warnings);
    let mut categories = list(map.get("categories"));
    categories.extend(list(map.get("category")));
    let tags = list(map.get("tags"));
    FrontMatter {
        title,
        date,
        categories,
        tags,
        front_matter: map,
        warnings: warnings.into_vec(),
    }
}

fn read_map(yaml: &str, warnings: &mut Warnings) -> Map<String, Value> {
    let Some(map) = read_flat(yaml) else {
        return read_yaml(yaml, warnings);
    };
    // Debug and fuzz builds check every flat reading against the YAML parser.
    if cfg!(any(debug_assertions, fuzzing)) {
        let mut parser_warnings = Warnings::default();
        assert_eq!(map, read_yaml(yaml, &mut parser_warnings), "{yaml:?}");
        assert!(parser_warnings.into_vec().is_empty(), "{yaml:?}");
    }
    map
}

/// The front matter nearly every post has — one `key: value` per line, each value a plain
/// scalar or a double-quoted string without escapes — read without the YAML scanner,
/// which costs a quarter of a flash post's render in the browser (~4 µs for five lines).
/// The scalars are still typed by yaml-rust2 (`Yaml::from_str`, what its loader does),
/// and anything else — an indicator, an escape, a comment, a second line, a duplicate
/// key, a control character — is `None`: the parser reads the whole front matter.
fn read_flat(yaml: &str) -> Option<Map<String, Value>> {
    // What YAML reads as a line break, a comment, or a character it does not allow.
    let plain_text = |text: &str| {
        // Two-byte windows, not `contains(&str)`: its searcher is set up anew each call.
        !text.as_bytes().windows(2).any(|w| w == b" #" || w == b": ")
            && text.chars().all(|c| {
                !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
            })
    };
    let mut map = Map::with_capacity(8);
    for line in yaml.split('\n') {
        let colon = line.find(':')?;
        let (key, value) = (&line[..colon], &line[colon + 1..]);
        let value = match value.strip_prefix(' ') {
            Some(value) => value,
            None if value.is_empty() => value,
            None => return None,
        };
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !key_ok {
            return None;
        }
        let value = value.trim_matches(' ');
        let value = match value.strip_prefix('"') {
            Some(quoted) => {
                let text = quoted.strip_suffix('"')?;
                (!text.contains(['"', '\\']) && plain_text(text))
                    .then(|| Yaml::String(text.to_owned()))?
            }
            None => {
                let indicator = value.starts_with([
                    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'',
                    '"', '%', '@', '`',
                ]);
                (!indicator && !value.ends_with(':') && plain_text(value))
                    .then(|| Yaml::from_str(value))?
            }
        };
        // A key of letters, digits, `_` and `-` is the text it is, but for YAML's words
        // for null and booleans (no number starts with a letter).
        let key = match key {
            "null" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => {
                scalar_text(&to_json(Yaml::from_str(key))).into_owned()
            }
            key => key.to_owned(),
        };
        if map.insert(key, to_json(value)).is_some() {
            return None;
        }
    }
    Some(map)
}

/// Reads the front matter with the YAML parser.
fn read_yaml(yaml: &str, warnings: &mut Warnings) -> Map<String, Value> {
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => match docs.into_iter().next() {
            Some(Yaml::Hash(hash)) => match to_json(Yaml::Hash(hash)) {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            None | Some(Yaml::Null) => Map::new(),
            Some(other) => {
                warnings.push(
                    WarningCode::FrontMatterRecovered,
                    "the front matter is not a mapping",
                );
                let mut map = Map::new();
                map.insert("value".to_owned(), to_json(other));
                map
            }
        },
        Err(error) => {
            warnings.push(
                WarningCode::FrontMatterRecovered,
                format!("the front matter is not valid YAML ({error}); it was read line by line"),
            );
            read_entries(yaml, warnings)
        }
    }
}

/// Reads each top-level `key: value` entry (with its indented lines) on its own.
fn read_entries(yaml: &str, warnings: &mut Warnings) -> Map<String, Value> {
    let mut map = Map::new();
    let mut entries: Vec<String> = Vec::new();
    for line in yaml.lines() {
        match entries.last_mut() {
            Some(entry) if line.starts_with([' ', '\t', '-']) || line.trim().is_empty() => {
                entry.push('\n');
                entry.push_str(line);
            }
            _ => entries.push(line.to_owned()),
        }
    }
    for entry in &entries {
        let Some((key, raw_value)) = entry.split_once(':') else {
            if !entry.trim().is_empty() {
                warnings.push(
                    WarningCode::FrontMatterLineSkipped,
                    format!("not a `key: value` line: {}", truncate(entry)),
                );
            }
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_owned();
        let value = match YamlLoader::load_from_str(entry) {
            Ok(docs) => match docs.into_iter().next() {
                Some(Yaml::Hash(hash)) => hash
                    .into_iter()
                    .next()
                    .map_or(Value::Null, |(_, v)| to_json(v)),
                _ => Value::String(unquote(raw_value)),
            },
            Err(_) => Value::String(unquote(raw_value)),
        };
        map.insert(key, value);
    }
    map
}

/// `"他说"好""` → `他说"好"`: the outer quotes of a value that YAML could not read.
fn unquote(raw: &str) -> String {
    let raw = raw.trim();
    for quote in ['"', '\''] {
        if raw.len() >= 2 && raw.starts_with(quote) && raw.ends_with(quote) {
            return raw[1..raw.len() - 1].to_owned();
        }
    }
    raw.to_owned()
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

fn to_json(yaml: Yaml) -> Value {
    match yaml {
        Yaml::String(s) => Value::String(s),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::String(r), Value::Number),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.into_iter()
                .map(|(k, v)| (scalar_text(&to_json(k)).into_owned(), to_json(v)))
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// A scalar as text: strings as they are, numbers and booleans printed.
fn scalar_text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

/// Jekyll splits a string of categories or tags on spaces; a list is taken as it is.
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .map(scalar_text)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => scalar_text(other)
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    }
}

fn read_date(value: Option<&Value>, warnings: &mut Warnings) -> Option<String> {
    let text = value.map(scalar_text).unwrap_or_default();
    let text = text.trim();
    // `date:  +0800` is an empty date with the zone left over.
    if text.is_empty()
        || text
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':')
    {
        warnings.push(WarningCode::DateMissing, "the post has no date");
        return None;
    }
    match parse_date(text) {
        Some(date) => Some(date.to_rfc3339_opts(SecondsFormat::Secs, false)),
        None => {
            warnings.push(
                WarningCode::DateInvalid,
                format!("the date {text:?} could not be read"),
            );
            None
        }
    }
}

/// Jekyll's date forms — `2021-12-23 19:17:04 +0800`, without seconds, offset or time,
/// with `T` or `Z` — rewritten as RFC 3339 for chrono's dedicated parser, which also
/// validates them. No offset means the site's `+08:00`. One parse, no format strings: it
/// was most of the front matter's time, and chrono's strftime code in the wasm.
fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let (date, rest) = text.split_at(text.find([' ', 'T', 't']).unwrap_or(text.len()));
    let rest = rest.get(1..).unwrap_or_default().trim_start();
    let zone_at = rest.find(['+', '-', 'Z', 'z', ' ']).unwrap_or(rest.len());
    let (time, zone) = (&rest[..zone_at], rest[zone_at..].trim());
    let time = match time.len() {
        0 => "00:00:00".to_owned(),
        5 => format!("{time}:00"),
        _ => time.to_owned(),
    };
    let zone = match zone.as_bytes() {
        [] => "+08:00".to_owned(),
        [sign @ (b'+' | b'-'), h1, h2, m1, m2] => format!(
            "{}{}{}:{}{}",
            *sign as char, *h1 as char, *h2 as char, *m1 as char, *m2 as char
        ),
        [sign @ (b'+' | b'-'), h1, h2] => {
            format!("{}{}{}:00", *sign as char, *h1 as char, *h2 as char)
        }
        _ => zone.to_owned(),
    };
    DateTime::parse_from_rfc3339(&format!("{date}T{time}{zone}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let fm = parse_front_matter_yaml("date: 2021-12-23 19:17:04 +0800");
        assert_eq!(fm.date.as_deref(), Some("2021-12-23T19:17:04+08:00"));
        let fm = parse_front_matter_yaml("date: 2021-12-23T11:17:04Z");
        assert_eq!(fm.date.as_deref(), Some("2021-12-23T11:17:04+00:00"));
        let fm = parse_front_matter_yaml("date: 2021-12-23");
        assert_eq!(fm.date.as_deref(), Some("2021-12-23T00:00:00+08:00"));
        let cases = [
            ("2021-12-08 10:46", "2021-12-08T10:46:00+08:00"),
            ("2021-12-08 10:46:18.5 -0500", "2021-12-08T10:46:18-05:00"),
            ("2021-12-08T10:46:18+08:00", "2021-12-08T10:46:18+08:00"),
            ("2021-12-08 10:46:18 +08", "2021-12-08T10:46:18+08:00"),
        ];
        for (input, expected) in cases {
            let fm = parse_front_matter_yaml(&format!("date: {input}"));
            assert_eq!(fm.date.as_deref(), Some(expected), "{input}");
        }
        for bad in [
            "2021-13-08 10:46:18",
            "2021-12-08 25:00",
            "2021-12-08 10:46:18 +0800 junk",
            "昨天",
        ] {
            let fm = parse_front_matter_yaml(&format!("date: {bad}"));
            assert_eq!(fm.date, None, "{bad}");
        }
    }

    #[test]
    fn empty_date_and_title() {
        let fm = parse_front_matter_yaml("title: \"\"\ndate:  +0800");
        assert_eq!(fm.title, "");
        assert_eq!(fm.date, None);
        assert_eq!(fm.warnings[0].code, WarningCode::DateMissing);
    }

    #[test]
    fn invalid_date_warns() {
        let fm = parse_front_matter_yaml("date: yesterday");
        assert_eq!(fm.date, None);
        assert_eq!(fm.warnings[0].code, WarningCode::DateInvalid);
    }

    #[test]
    fn lists_and_other_keys_are_kept() {
        let fm = parse_front_matter_yaml(
            "categories: [a, b]\ntags:\n  - 东财\n  - 滚动\nlayout: post\nn: 3",
        );
        assert_eq!(fm.categories, ["a", "b"]);
        assert_eq!(fm.tags, ["东财", "滚动"]);
        assert_eq!(fm.front_matter["layout"], "post");
        assert_eq!(fm.front_matter["n"], 3);
    }

    #[test]
    fn invalid_yaml_keeps_the_other_keys() {
        let fm =
            parse_front_matter_yaml("layout: post\ntitle: \"“股王”说\"涨\"\"\ncategories: emnews");
        assert_eq!(fm.title, "“股王”说\"涨\"");
        assert_eq!(fm.categories, ["emnews"]);
        assert_eq!(fm.front_matter["layout"], "post");
    }

    #[test]
    fn entities_in_title_are_decoded() {
        let fm = parse_front_matter_yaml("title: \"A&amp;B &lt;1&gt;\"");
        assert_eq!(fm.title, "A&B <1>");
    }

    #[test]
    fn flat_reading_agrees_with_the_parser() {
        let cases = [
            "title: a",
            "key:",
            "key: ",
            "title: \"他说\\\"好\\\"\"",
            "n: 0x1F\nm: +12\nf: 1.5e3\ng: .inf\nb: True\nz: ~",
            "null: x\ntrue: y\ninf: z",
            "a: b: c",
            "a: [1, 2]\nb: {c: d}",
            "a: 'q'",
            "a: b #c",
            "a: b#c",
            "a: 1\na: 2",
            "date: 2021-12-08 10:47:05 +0800",
            "t: \"a\" b",
            "t: \"a: b\"",
            "t: -1",
            "t: x\r",
            "k: \"\"",
            "k: a]b{c",
            "k: 他说\"好\"",
            "k:\tv",
            "k-1_b: v",
            "",
        ];
        let mut flat = 0;
        for yaml in cases {
            if let Some(map) = read_flat(yaml) {
                flat += 1;
                assert_eq!(map, read_yaml(yaml, &mut Warnings::default()), "{yaml:?}");
            }
        }
        assert!(flat >= 10, "{flat}");
    }

    #[test]
    fn corpus_front_matter_is_read_flat() {
        let (mut flat, mut all) = (0, 0);
        for entry in std::fs::read_dir("tests/fixtures").unwrap() {
            let Ok(raw) = std::fs::read_to_string(entry.unwrap().path().join("input.md")) else {
                continue;
            };
            if let Some(yaml) = crate::split(&crate::normalize(&raw)).front_matter {
                all += 1;
                flat += usize::from(read_flat(yaml).is_some());
            }
        }
        eprintln!("{flat} of {all} read flat");
        assert!(flat * 10 >= all * 8, "{flat} of {all}");
    }
}
