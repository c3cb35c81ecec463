//! Lines of text that are EastMoney's, not the article's: promotion, the editor, the
//! disclaimer, the original title, a source line. Matched on the text a paragraph shows,
//! from its start; a new line is a row of [`TEXTS`].

use super::rules::Role;

/// Where in the body a line is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Anywhere.
    Anywhere,
    /// Only in the lines that end the body (with nothing of the article after them).
    End,
}

/// A row of [`TEXTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// The paragraph starts with this (compared as [`fold`] folds text).
    pub starts: &'static str,
    /// It must also end with this (a bracketed line).
    pub ends: &'static str,
    /// What the paragraph is.
    pub role: Role,
    /// Where it is recognised.
    pub place: Place,
}

const fn line(starts: &'static str, role: Role, place: Place) -> TextRule {
    TextRule {
        starts,
        ends: "",
        role,
        place,
    }
}

const fn bracketed(starts: &'static str, role: Role, place: Place) -> TextRule {
    TextRule {
        starts,
        ends: "）",
        role,
        place,
    }
}

use Place::{Anywhere, End};
use Role::{Ad, Disclaimer, Editor, OriginalTitle, Source};

/// EastMoney's own lines, by their start (full-width punctuation; ASCII matches too).
#[rustfmt::skip]
pub const TEXTS: &[TextRule] = &[
    // Promotion: removed.
    line("在东方财富看资讯行情", Ad, Anywhere),
    line("想炒股，先开户", Ad, Anywhere),
    line("炒股第一步", Ad, Anywhere),
    line("扫一扫下载", Ad, Anywhere),
    line("扫码下载", Ad, Anywhere),
    line("下载东方财富APP", Ad, Anywhere),
    line("打开东方财富APP", Ad, Anywhere),
    line("长按识别二维码", Ad, Anywhere),
    line("（长按识别二维码", Ad, Anywhere),
    line("长按二维码", Ad, Anywhere),
    line("（长按二维码", Ad, Anywhere),
    // Furniture, kept as metadata.
    bracketed("（责任编辑：", Editor, End),
    line("责任编辑：", Editor, End),
    line("原标题：", OriginalTitle, Anywhere),
    bracketed("（文章来源：", Source, End),
    bracketed("（来源：", Source, End),
    line("郑重声明：", Disclaimer, End),
    line("免责声明", Disclaimer, End),
    line("风险提示", Disclaimer, End),
    line("数据来源：CHOICE", Disclaimer, End),
];

/// Text as lines are compared: no white space, ASCII punctuation as its full-width twin,
/// Latin letters in upper case.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::fold;
/// assert_eq!(fold("(责任编辑: 张三)"), "（责任编辑：张三）");
/// assert_eq!(fold("下载东方财富app"), "下载东方财富APP");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text, usize::MAX);
    out
}

/// The longest start of a row, in bytes: past it, folding tells no more.
pub(crate) const LONGEST_START: usize = {
    let (mut i, mut longest) = (0, 0);
    while i < TEXTS.len() {
        if TEXTS[i].starts.len() > longest {
            longest = TEXTS[i].starts.len();
        }
        i += 1;
    }
    longest
};

/// [`fold`], appending, up to `limit` bytes of `out`.
pub(crate) fn fold_into(out: &mut String, text: &str, limit: usize) {
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if out.len() >= limit {
            return;
        }
        out.push(fold_char(c));
    }
}

fn fold_char(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ',' => '，',
        '!' => '！',
        '?' => '？',
        ';' => '；',
        c => c.to_ascii_uppercase(),
    }
}

/// Whether some row may start a paragraph whose first text this is: its first character
/// alone rules out most paragraphs, before any folding.
pub(crate) fn may_start(text: &str) -> bool {
    let Some(first) = text.chars().find(|c| !c.is_whitespace()).map(fold_char) else {
        return false;
    };
    TEXTS.iter().any(|rule| rule.starts.starts_with(first))
}

/// What the rows still possible for a paragraph whose folded text starts with `folded`
/// make of it: `Some(Some(rule))` when a row's start is all there, `Some(None)` while one
/// may still come, `None` when none can.
pub(crate) fn prefix_match(folded: &str) -> Option<Option<&'static TextRule>> {
    let mut possible = false;
    for rule in TEXTS {
        if folded.starts_with(rule.starts) {
            return Some(Some(rule));
        }
        possible |= rule.starts.starts_with(folded);
    }
    possible.then_some(None)
}

/// The row a whole paragraph (folded) matches, if any.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::{fold, text_rule, Role};
/// assert_eq!(text_rule(&fold("（责任编辑：DF078）")).map(|r| r.role), Some(Role::Editor));
/// assert_eq!(text_rule(&fold("（责任编辑：DF078）后来")), None);
/// assert_eq!(text_rule(&fold("想炒股，先开户！>>")).map(|r| r.role), Some(Role::Ad));
/// ```
pub fn text_rule(folded: &str) -> Option<&'static TextRule> {
    TEXTS
        .iter()
        .find(|r| folded.starts_with(r.starts) && folded.ends_with(r.ends))
}

/// What a matched line gives its field: `（责任编辑：张三）` → `张三`, `原标题：…` → `…`,
/// `（来源：某某的财富号 2022-01-05）` → `某某`; a disclaimer stays whole.
///
/// # Examples
/// ```
/// use finews_reader::eastmoney::{field_value, text_rule, fold, Role};
/// let editor = text_rule(&fold("（责任编辑：张三）")).unwrap();
/// assert_eq!(field_value(editor, "（责任编辑：张三）"), "张三");
/// let source = text_rule(&fold("（来源：北京商报的财富号 2022-01-05）")).unwrap();
/// assert_eq!(field_value(source, "（来源：北京商报的财富号 2022-01-05）"), "北京商报");
/// ```
pub fn field_value(rule: &TextRule, text: &str) -> String {
    let text = text.trim();
    if rule.role == Role::Disclaimer {
        return text.to_owned();
    }
    // Past the rule's start, as written (half- or full-width).
    let label_end = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let value = text[label_end..].trim_end_matches(['）', ')']).trim();
    match rule.role {
        Role::Source => match value.split_once("的财富号") {
            Some((account, _)) => account.trim().to_owned(),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_matches_its_own_line() {
        for rule in TEXTS {
            let line = format!("{}某某某{}", rule.starts, rule.ends);
            let found = text_rule(&fold(&line)).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(found.role, rule.role, "{line}");
            assert_eq!(
                prefix_match(&fold(&line[..rule.starts.len()])).map(|m| m.map(|r| r.role)),
                Some(Some(rule.role))
            );
        }
    }

    #[test]
    fn starts_are_folded_already() {
        for rule in TEXTS {
            assert_eq!(fold(rule.starts), rule.starts);
        }
    }

    #[test]
    fn article_text_is_no_line_of_eastmoney() {
        for text in ["“158元保一年”", "据霍尼韦尔官网消息", "风", "数据显示"]
        {
            assert_eq!(text_rule(&fold(text)), None, "{text}");
        }
        assert_eq!(prefix_match(&fold("“158")), None);
        assert_eq!(
            prefix_match(&fold("风")),
            Some(None),
            "风险提示 may still come"
        );
    }

    #[test]
    fn half_width_lines_match() {
        assert_eq!(
            text_rule(&fold("(责任编辑:DF078)")).map(|r| r.role),
            Some(Role::Editor)
        );
        let rule = text_rule(&fold("原标题: 新能源车")).unwrap();
        assert_eq!(field_value(rule, "原标题: 新能源车"), "新能源车");
    }
}
