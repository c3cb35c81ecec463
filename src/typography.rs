//! Chinese typography: what counts as CJK, CJK/Latin spacing, heading ids.

/// Han ideographs, kana and Hangul: the characters that take spacing from Latin words.
/// Full-width punctuation (`，。“”（）`) is not CJK here: nothing is ever spaced next to it.
pub fn is_cjk(c: char) -> bool {
    let c = u32::from(c);
    match usize::try_from(c >> 4) {
        // One bit a block of 16 code points: every range starts and ends on a block edge.
        Ok(block) if block < 0x1000 => CJK_BLOCKS[block / 64] >> (block % 64) & 1 == 1,
        _ => CJK_SUPPLEMENTARY.contains(&c),
    }
}

/// CJK characters and the full-width and CJK punctuation around them (`。，“”（）`).
pub fn is_cjk_or_fullwidth(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201F}' | '\u{2026}')
}

/// CJK Extensions B–F and the compatibility supplement, beyond the bitmap.
const CJK_SUPPLEMENTARY: std::ops::RangeInclusive<u32> = 0x2_0000..=0x2_FA1F;

/// The CJK ranges of the Basic Multilingual Plane.
const CJK_RANGES: [(u32, u32); 8] = [
    (0x1100, 0x11FF), // Hangul Jamo
    (0x3040, 0x30FF), // Hiragana, Katakana
    (0x3130, 0x318F), // Hangul Compatibility Jamo
    (0x31F0, 0x31FF), // Katakana Phonetic Extensions
    (0x3400, 0x4DBF), // CJK Extension A
    (0x4E00, 0x9FFF), // CJK Unified Ideographs
    (0xAC00, 0xD7AF), // Hangul Syllables
    (0xF900, 0xFAFF), // CJK Compatibility Ideographs
];

/// [`CJK_RANGES`] as a bitmap of 16-code-point blocks: one lookup instead of eight
/// comparisons (stats and spacing classify every character of the text).
static CJK_BLOCKS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut r = 0;
    while r < CJK_RANGES.len() {
        let (first, last) = CJK_RANGES[r];
        assert!(
            first % 16 == 0 && last % 16 == 15,
            "ranges end on block edges"
        );
        let mut block = (first >> 4) as usize;
        while block <= (last >> 4) as usize {
            bits[block / 64] |= 1 << (block % 64);
            block += 1;
        }
        r += 1;
    }
    bits
};

/// Characters of a Latin word for spacing: letters, digits and the joiners inside
/// words and numbers (`HFO-1234yf`, `6.35GW`, `63.27%`).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '%' | '+' | '#' | '@' | '&')
}

/// A Latin word is spaced from CJK only if it has a letter and more than one character:
/// numbers with units (`2021年`, `120万`, `17.32亿元`) and one-letter compounds (`A股`,
/// `K线`) stay together, as Chinese news style writes them.
pub fn word_takes_space(word: &str) -> bool {
    // A lone letter is part of a Chinese word: A股, K线, B超, X光.
    word.len() > 1
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && !word.contains("://")
        && !word.starts_with("www.")
}

/// Inserts a space between CJK and Latin words, as pangu does, but never next to
/// full-width punctuation or quotes, around `/`, inside URLs, or between a number and
/// its unit.
///
/// # Examples
/// ```
/// use finews_reader::typography::cjk_spacing;
/// assert_eq!(cjk_spacing("蔚来旗下ET7新能源汽车"), "蔚来旗下 ET7 新能源汽车");
/// assert_eq!(cjk_spacing("突破了120万，增长63.27%"), "突破了120万，增长63.27%");
/// assert_eq!(cjk_spacing("发展“路线图”和HFO-1234yf(四氟丙烯)"), "发展“路线图”和 HFO-1234yf(四氟丙烯)");
/// assert_eq!(cjk_spacing("见https://a.cn/x页"), "见https://a.cn/x页");
/// assert_eq!(cjk_spacing("A股/港股和K线图"), "A股/港股和K线图");
/// ```
pub fn cjk_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut spacer = Spacer::default();
    for (i, c) in text.char_indices() {
        if spacer.space_before(text, i, c) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The spacing state across the characters of one block of text.
#[derive(Debug, Default, Clone)]
pub struct Spacer {
    prev: Option<char>,
    /// Inside a Latin word: whether that word takes spacing.
    word: Option<bool>,
}

impl Spacer {
    /// Whether a space goes before `c`, found at byte `i` of `text`; then moves past it.
    pub fn space_before(&mut self, text: &str, i: usize, c: char) -> bool {
        let space = match self.word {
            Some(_) if is_word_char(c) || is_url_char(c) => false,
            _ if is_word_char(c) => {
                let takes = word_takes_space(word_at(text, i));
                self.word = Some(takes);
                takes && self.prev.is_some_and(is_cjk)
            }
            word => {
                self.word = None;
                word == Some(true) && is_cjk(c)
            }
        };
        self.prev = Some(c);
        space
    }

    /// Forgets the previous character (a block ended, or a space was written).
    pub fn reset(&mut self) {
        *self = Spacer::default();
    }
}

fn is_url_char(c: char) -> bool {
    matches!(c, ':' | '/' | '?' | '=')
}

/// The Latin word (URL characters included) that starts at byte `start`.
pub fn word_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || is_url_char(c)))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// A readable, stable id for a heading: CJK kept, Latin lower-cased, other runs → `-`.
///
/// # Examples
/// ```
/// assert_eq!(finews_reader::typography::slug("什么是HFO-1234yf"), "什么是hfo-1234yf");
/// assert_eq!(finews_reader::typography::slug("以人民为中心，不断筑牢"), "以人民为中心-不断筑牢");
/// assert_eq!(finews_reader::typography::slug("！！"), "section");
/// ```
pub fn slug(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        // CJK has no case: it spares the Unicode tables.
        if is_cjk(c) {
            id.push(c);
        } else if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 80 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "section".to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_bitmap_matches_the_ranges() {
        let by_ranges = |c: u32| {
            CJK_RANGES
                .iter()
                .any(|&(first, last)| (first..=last).contains(&c))
                || CJK_SUPPLEMENTARY.contains(&c)
        };
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_cjk(c), by_ranges(u32::from(c)), "U+{:04X}", u32::from(c));
        }
    }
}
