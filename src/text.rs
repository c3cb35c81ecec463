//! Stage 6: what is derived from the plain text — excerpt, stats, a fallback title.

use serde_json::{Map, Value};

use crate::article::Stats;
use crate::typography::is_cjk;

/// Jekyll's default `excerpt_separator` (as the issue and most themes set it).
pub const EXCERPT_SEPARATOR: &str = "<!--more-->";

/// The excerpt a post's author chose, as Jekyll reads it (Markdown): the front matter's
/// `excerpt:` first; else the body up to its `excerpt_separator` (`<!--more-->` unless
/// the front matter names another; an empty one turns it off). The body keeps the
/// separator, as Jekyll's content does: cutting it out could join what it stood between.
pub(crate) fn authored_excerpt<'a>(
    front_matter: &'a Map<String, Value>,
    body: &'a str,
) -> Option<&'a str> {
    let text = |key: &str| front_matter.get(key).and_then(Value::as_str);
    let separator = text("excerpt_separator").unwrap_or(EXCERPT_SEPARATOR);
    let before = body
        .split_once(separator)
        .filter(|_| !separator.is_empty())
        .map(|(before, _)| before);
    text("excerpt")
        .into_iter()
        .chain(before)
        .find(|excerpt| !excerpt.trim().is_empty())
}

/// Reading speed for Chinese: about 400 characters a minute (Chinese silent-reading
/// studies put adults at 300–500 characters/min; Trauzettel-Klosinski et al. 2012 measured 255±29
/// characters/min reading aloud-paced text, so 400 suits skimming news).
pub const CJK_PER_MINUTE: usize = 400;
/// Reading speed for English words: about 200 words a minute (Brysbaert 2019: 238 silent, non-fiction).
pub const WORDS_PER_MINUTE: usize = 200;

/// Sentence ends at which an excerpt may be cut.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '…', '!', '?'];

/// A control character that is not white space (`\n`, `\r`, `\t`): dropped from the text.
pub(crate) fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Whether `text` may hold a [stray control](is_stray_control): C0 controls
/// and DEL are single bytes, C1 controls start with 0xC2 (as do `·`, `°`, `±`), so bytes
/// are scanned first and chars only when one may be there. Blocks of 64 without an early
/// exit inside: LLVM vectorises them (SIMD in wasm too).
pub(crate) fn may_hold_controls(text: &str) -> bool {
    let stray =
        |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')) | (b == 0x7f) | (b == 0xc2);
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | stray(b)))
}

/// Counts CJK characters, Latin words and numbers apart, and estimates reading time.
///
/// # Examples
/// ```
/// let stats = finews_reader::stats(&["蔚来ET7使用HFO-1234yf，售价20倍。".to_owned()]);
/// assert_eq!(stats.cjk_characters, 7);
/// assert_eq!(stats.latin_words, 2);
/// assert_eq!(stats.numbers, 1);
/// assert_eq!(stats.reading_minutes, 1);
/// ```
pub fn stats(paragraphs: &[String]) -> Stats {
    let (mut characters, mut cjk, mut words, mut numbers) = (0, 0, 0, 0);
    for paragraph in paragraphs {
        // `Some(has_letter)` inside a run of Latin letters and digits.
        let mut run: Option<bool> = None;
        let mut end_run = |run: &mut Option<bool>| match run.take() {
            Some(true) => words += 1,
            Some(false) => numbers += 1,
            None => {}
        };
        for c in paragraph.chars() {
            // CJK first: most characters are, and it spares the Unicode white-space table.
            if is_cjk(c) {
                cjk += 1;
                characters += 1;
                end_run(&mut run);
                continue;
            }
            characters += usize::from(!c.is_whitespace());
            if c.is_ascii_alphanumeric()
                || (run.is_some() && matches!(c, '-' | '.' | '\'' | '%' | ','))
            {
                run = Some(run == Some(true) || c.is_ascii_alphabetic());
            } else {
                end_run(&mut run);
            }
        }
        end_run(&mut run);
    }
    let minutes = (cjk as f64 / CJK_PER_MINUTE as f64
        + (words + numbers) as f64 / WORDS_PER_MINUTE as f64)
        .ceil() as u32;
    Stats {
        characters,
        cjk_characters: cjk,
        latin_words: words,
        numbers,
        paragraphs: paragraphs.len(),
        reading_minutes: if characters > 0 { minutes.max(1) } else { 0 },
    }
}

/// A summary of at most `max` characters, cut after a sentence end (`。！？…` or `.!?`
/// followed by a space) or else at a clause end (`，；：`), never inside a number, a `“…”` quote or a character cluster;
/// `…` is added (within `max`) only when the text was cut elsewhere than a sentence end.
///
/// # Examples
/// ```
/// use finews_reader::excerpt;
/// assert_eq!(excerpt("第一句。第二句很长很长。", 6), "第一句。");
/// assert_eq!(excerpt("短。", 120), "短。");
/// assert_eq!(excerpt("", 120), "");
/// assert_eq!(excerpt("没有句号的一段很长的文字", 5), "没有句号…");
/// assert_eq!(excerpt("他说：“好。走吧。”然后走了。", 9), "他说…");
/// assert_eq!(excerpt("明年需求趋稳趋弱，粗钢产量缺乏大幅增长的基础，钢材价格", 24), "明年需求趋稳趋弱，粗钢产量缺乏大幅增长的基础…");
/// ```
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    // Most texts end a sentence early on: clause and cut points are sought only when not.
    let found = scan(text, max, false);
    if found.whole {
        return text.to_owned();
    }
    if let Some(end) = found.sentence {
        return text[..end].trim_end().to_owned();
    }
    let found = scan(text, max, true);
    let cut = match found.clause {
        Some(clause) if clause * 2 > found.cut => clause,
        _ if found.cut > 0 => found.cut,
        _ => text
            .char_indices()
            .nth(max.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i),
    };
    let mut out = text[..cut].trim_end().to_owned();
    out.push('…');
    out
}

/// Where [`excerpt`] may cut the first `max` characters (byte offsets), outside quotes.
#[derive(Default)]
struct Cuts {
    /// The text is `max` characters or fewer.
    whole: bool,
    /// After the last sentence end.
    sentence: Option<usize>,
    /// Before the last clause end (`，；：、`), when `clauses`.
    clause: Option<usize>,
    /// After the last character that may end an excerpt, when `clauses`.
    cut: usize,
}

fn scan(text: &str, max: usize, clauses: bool) -> Cuts {
    let mut found = Cuts::default();
    let mut quote_depth = 0usize;
    let mut prev = None;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n == max {
            return found;
        }
        match c {
            '“' | '「' | '《' => quote_depth += 1,
            '”' | '」' | '》' => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        let end = i + c.len_utf8();
        if quote_depth == 0 {
            let next = || text[end..].chars().next();
            let ascii_end = matches!(c, '.' | '!' | '?') && next().is_none_or(char::is_whitespace);
            let closes_quote = c == '”' && prev.is_some_and(|p| SENTENCE_ENDS.contains(&p));
            if matches!(c, '。' | '！' | '？') || ascii_end || closes_quote {
                found.sentence = Some(end);
            }
            // The ellipsis takes the last place.
            if clauses && n + 1 < max {
                if matches!(c, '，' | '；' | '：' | '、' | ',' | ';') {
                    found.clause = Some(i);
                }
                if is_cut_point(c, next()) {
                    found.cut = end;
                }
            }
        }
        prev = Some(c);
    }
    found.whole = true;
    found
}

/// Whether text may be cut after `c`: not inside a number or a Latin word, and not
/// before a combining mark, a variation selector or a zero-width joiner.
fn is_cut_point(c: char, next: Option<char>) -> bool {
    let Some(next) = next else { return true };
    let joins = |ch: char| matches!(ch, '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{0300}'..='\u{036F}' | '\u{E0100}'..='\u{E01EF}' | '\u{1F3FB}'..='\u{1F3FF}');
    let in_word = c.is_ascii_alphanumeric()
        && (next.is_ascii_alphanumeric() || matches!(next, '.' | ',' | '%'));
    !(joins(next) || c == '\u{200D}' || in_word)
}

/// The first sentence of a text, for a post with no title (at most 60 characters).
pub fn first_sentence(text: &str) -> String {
    let sentence = excerpt(text.lines().next().unwrap_or_default(), 60);
    sentence.trim_end_matches(['。', '…']).to_owned()
}
