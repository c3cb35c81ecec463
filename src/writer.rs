//! Writes the sanitized HTML and, at the same time, the plain text of each block.
//!
//! Whitespace is normalised as a browser would show it: runs collapse to one space,
//! none at the start or end of a block, and a line break next to a CJK character or
//! full-width punctuation (a soft wrap of the source) vanishes instead of showing as a space.

use std::borrow::Cow;

use crate::contract::{Empty, Layout, Tag};
use crate::text::{is_stray_control, may_hold_controls};
use crate::typography::{is_cjk_or_fullwidth, Spacer};

/// CJK and full-width punctuation that ends a sentence or clause, or closes a quote.
fn is_fullwidth_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '，'
            | '：'
            | '、'
            | '”'
            | '’'
            | '）'
            | '」'
            | '』'
            | '》'
            | '…'
    )
}

/// Blocks whose text is no running prose: it stays out of the excerpt.
const NOT_PROSE: &[&str] = &[
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "caption",
    "figcaption",
    "pre",
];

/// A position to return to when an element turns out to be empty.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpoint {
    html_len: usize,
    marks: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) html: String,
    pub(crate) paragraphs: Vec<String>,
    /// The running prose of the body (no headings, cells, captions or code), paragraphs
    /// joined as they read on: for the excerpt.
    pub(crate) prose: String,
    block_text: String,
    /// Whether the block whose text is being written is prose.
    block_prose: bool,
    /// Where collapsed white space would go, and whether it held a line break.
    pending_space: Option<(usize, bool)>,
    at_block_start: bool,
    /// Right after a `<br>`, until visible content.
    at_line_start: bool,
    prev: Option<char>,
    spacer: Option<Spacer>,
    /// Each element written and not closed, and where it started if an empty one is
    /// removed again: the undo log of what the output model has decided to write.
    starts: Vec<(&'static Tag, Option<Checkpoint>)>,
    /// `<pre>` elements among them: white space is text there.
    pre: usize,
    /// Visible content written so far (characters and images).
    marks: usize,
}

impl Writer {
    pub(crate) fn new(capacity: usize, cjk_spacing: bool) -> Self {
        Writer {
            html: String::with_capacity(capacity),
            at_block_start: true,
            block_prose: true,
            spacer: cjk_spacing.then(Spacer::default),
            ..Writer::default()
        }
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            html_len: self.html.len(),
            marks: self.marks,
        }
    }

    /// Removes what was written since `checkpoint` (an element with nothing visible in it).
    fn rollback(&mut self, checkpoint: Checkpoint) {
        self.html.truncate(checkpoint.html_len);
        if self
            .pending_space
            .is_some_and(|(at, _)| at > checkpoint.html_len)
        {
            self.pending_space = None;
        }
    }

    /// Starts a block: the text so far becomes a paragraph, spacing starts afresh.
    pub(crate) fn block_boundary(&mut self) {
        let text = self.block_text.trim();
        if !text.is_empty() {
            if self.block_prose {
                // Nothing after a full-width mark (`。数据显示`), else a space: a list
                // item that ends without one does not run into the next.
                if !self.prose.is_empty() && !self.prose.ends_with(is_fullwidth_mark) {
                    self.prose.push(' ');
                }
                self.prose.push_str(text);
            }
            self.paragraphs.push(text.to_owned());
        }
        self.block_prose = self.innermost_block_is_prose();
        self.block_text.clear();
        self.pending_space = None;
        self.at_block_start = true;
        self.at_line_start = false;
        self.prev = None;
        if let Some(spacer) = &mut self.spacer {
            spacer.reset();
        }
    }

    /// Whether the innermost block written is one of running prose.
    fn innermost_block_is_prose(&self) -> bool {
        let block = self
            .starts
            .iter()
            .rev()
            .find(|(row, _)| row.layout == Layout::Block);
        !block.is_some_and(|(row, _)| NOT_PROSE.contains(&row.name))
    }

    /// `<tag attr="value" …>`, as the policy lays it out: a block starts a paragraph of
    /// text; one that is dropped when empty can be taken back.
    pub(crate) fn open(&mut self, row: &'static Tag, attrs: &[(&'static str, Cow<'_, str>)]) {
        if row.layout == Layout::Block {
            self.block_boundary();
        }
        let start = (row.empty == Empty::Dropped).then(|| self.checkpoint());
        self.starts.push((row, start));
        if row.layout == Layout::Block {
            self.block_prose = self.innermost_block_is_prose();
        }
        self.pre += usize::from(row.name == "pre");
        self.start_tag(row.name, attrs);
    }

    /// Closes the innermost element written; one with nothing visible in it is removed
    /// when the policy drops it empty.
    pub(crate) fn close(&mut self) {
        let Some((row, start)) = self.starts.pop() else {
            return;
        };
        let tag = row.name;
        self.pre -= usize::from(tag == "pre");
        let block = row.layout == Layout::Block;
        if block {
            self.trim_block_end();
        }
        match start {
            Some(start) if self.marks == start.marks => self.rollback(start),
            _ => {
                self.html.push_str("</");
                self.html.push_str(tag);
                self.html.push('>');
            }
        }
        if block {
            self.block_boundary();
        }
    }

    fn start_tag(&mut self, tag: &str, attrs: &[(&'static str, Cow<'_, str>)]) {
        self.html.push('<');
        self.html.push_str(tag);
        for (name, value) in attrs {
            self.html.push(' ');
            self.html.push_str(name);
            self.html.push_str("=\"");
            escape_into(&mut self.html, value, true);
            self.html.push('"');
        }
        self.html.push('>');
    }

    /// A void element that counts as visible content (`<img>`, `<hr>`).
    pub(crate) fn void(&mut self, tag: &str, attrs: &[(&'static str, Cow<'_, str>)]) {
        if tag == "hr" {
            self.block_boundary();
        }
        self.flush_space(None);
        self.start_tag(tag, attrs);
        self.marks += 1;
        if tag == "hr" {
            self.block_boundary();
        }
    }

    /// `<br>`: a line break in the text; none at the start of a block.
    pub(crate) fn line_break(&mut self) {
        if self.at_block_start {
            return;
        }
        self.pending_space = None;
        self.html.push_str("<br>");
        self.block_text.push('\n');
        self.prev = None;
        self.at_line_start = true;
    }

    /// Drops `<br>`s and white space that end a block's HTML.
    fn trim_block_end(&mut self) {
        loop {
            let trimmed = self.html.trim_end_matches([' ', '\n']).len();
            self.html.truncate(trimmed);
            match self.html.strip_suffix("<br>") {
                Some(rest) => {
                    let len = rest.len();
                    self.html.truncate(len);
                    let text = self.block_text.trim_end().len();
                    self.block_text.truncate(text);
                }
                None => break,
            }
        }
        self.pending_space = None;
    }

    pub(crate) fn text(&mut self, text: &str) {
        if text.contains('\r') {
            // `&#13;` brings a CR in: a line break, as in a raw post (idempotence).
            return self.text(&text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        if has_control(text) {
            // NOTE: control characters that references (`&#1;`) bring in are dropped,
            // as they are from a raw post: else rendering our html again would differ.
            let kept = |&c: &char| !is_stray_control(c);
            return self.text(&text.chars().filter(kept).collect::<String>());
        }
        if self.pre > 0 {
            let written = self.html.len();
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.pre_line_break();
                }
                escape_into(&mut self.html, line, false);
            }
            self.block_text.push_str(text);
            self.marks += text.chars().filter(|c| !c.is_whitespace()).count();
            // Line breaks that open a `<pre>` write nothing: the block has not started.
            if self.html.len() > written {
                self.at_block_start = false;
                self.at_line_start = false;
            }
            return;
        }
        // Runs between ASCII white space are written whole: the common case, and fast.
        let mut rest = text;
        while !rest.is_empty() {
            // ASCII white space never sits inside a multi-byte character: byte positions work.
            let space = rest.bytes().take_while(u8::is_ascii_whitespace).count();
            if space > 0 {
                let newline = rest[..space].contains('\n');
                self.see_space(newline);
                rest = &rest[space..];
                continue;
            }
            let end = rest
                .bytes()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let mut run = &rest[..end];
            rest = &rest[end..];
            if self.at_block_start {
                // Ideographic spaces that indent a paragraph are layout, not text.
                run = run.trim_start_matches('\u{3000}');
                if run.is_empty() {
                    continue;
                }
            }
            if self.spacer.is_some() {
                self.spaced_run(text, run);
            } else {
                self.flush_space(run.chars().next());
                escape_into(&mut self.html, run, false);
                self.block_text.push_str(run);
                self.marks += run.len();
                self.at_block_start = false;
                self.at_line_start = false;
                self.prev = run.chars().next_back();
            }
        }
    }

    fn see_space(&mut self, newline: bool) {
        let newline = newline || self.pending_space.is_some_and(|(_, nl)| nl);
        let at = self.pending_space.map_or(self.html.len(), |(at, _)| at);
        self.pending_space = Some((at, newline));
    }

    /// A run written character by character, for CJK/Latin spacing. `run` lies in `text`.
    fn spaced_run(&mut self, text: &str, run: &str) {
        let offset = run.as_ptr() as usize - text.as_ptr() as usize;
        self.flush_space(run.chars().next());
        for (i, c) in run.char_indices() {
            if let Some(spacer) = &mut self.spacer {
                if spacer.space_before(text, offset + i, c) && self.prev.is_some() {
                    self.html.push(' ');
                    self.block_text.push(' ');
                }
            }
            let mut buf = [0; 4];
            escape_into(&mut self.html, c.encode_utf8(&mut buf), false);
            self.block_text.push(c);
            self.prev = Some(c);
        }
        self.marks += run.len();
        self.at_block_start = false;
        self.at_line_start = false;
    }

    /// A line break inside `<pre>`, always `&#10;`: the html stays one line.
    ///
    /// NOTE: rendered again as a post body, a raw line break in our html could end a
    /// Markdown HTML block (a blank line, a line after the one closing a leading `<pre>`)
    /// and start Markdown (idempotence). Line breaks that open a `<pre>` are dropped: a
    /// parser drops the first itself, and serializers disagree on writing it back.
    fn pre_line_break(&mut self) {
        if !self.html.ends_with("<pre>") {
            self.html.push_str("&#10;");
        }
    }

    /// Visible text that is not part of the article's text (a chip's label).
    pub(crate) fn label(&mut self, label: &str) {
        self.flush_space(None);
        escape_into(&mut self.html, label, false);
        self.marks += 1;
        self.at_block_start = false;
        self.at_line_start = false;
    }

    /// Writes the collapsed white space before `next`, where it was seen.
    fn flush_space(&mut self, next: Option<char>) {
        let Some((at, newline)) = self.pending_space.take() else {
            return;
        };
        // A soft wrap next to CJK text or full-width punctuation is no word break.
        let soft_cjk_wrap = newline
            && (self.prev.is_some_and(is_cjk_or_fullwidth)
                || next.is_some_and(is_cjk_or_fullwidth));
        // White space that starts a block or a line (after `<br>`) shows nothing.
        if self.at_block_start || self.at_line_start || soft_cjk_wrap {
            return;
        }
        self.html.insert(at, ' ');
        self.block_text.push(' ');
        self.prev = Some(' ');
        if let Some(spacer) = &mut self.spacer {
            spacer.reset();
        }
    }
}

/// Whether `text` holds a stray control character: bytes first, chars only when one may.
fn has_control(text: &str) -> bool {
    may_hold_controls(text) && text.chars().any(is_stray_control)
}

/// Escapes `&`, `<`, `>` (and `"` in attribute values); drops control characters.
///
/// NOTE: our html must read back the same when it is a post body again (idempotence).
/// There a blank line ends a Markdown HTML block and a raw CR is a line break, so line
/// breaks in attribute values are written as character references, a CR as a line feed
/// (browsers read them alike); control characters, removed from a raw post, are
/// dropped here too when character references (`&#1;`) brought them in; and `{{`, `{%`
/// (text a `{% raw %}` kept, say) are written `{&#123;`, `{&#37;`, or Liquid would be
/// read in them again.
/// The bytes [`escape_into`] stops at: controls, markup, quotes, DEL, 0xC2, `{` and `%`.
static LOOK_AT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20
            || matches!(
                b as u8,
                b'&' | b'<' | b'>' | b'"' | 0x7f | 0xc2 | b'{' | b'%' | b':'
            );
        b += 1;
    }
    table
};

/// The byte written just before `text[i]`: `text[..last]` is already in `out`.
fn written_before(out: &str, text: &[u8], last: usize, i: usize) -> Option<u8> {
    match i > last {
        true => Some(text[i - 1]),
        false => out.as_bytes().last().copied(),
    }
}

pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    // Bytes, not chars: every byte that matters is ASCII or 0xC2 (the lead byte of the C1
    // controls), so each one found is a char boundary, and CJK text is not decoded.
    let bytes = text.as_bytes();
    let (mut last, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !LOOK_AT[usize::from(b)] {
            i += 1;
            continue;
        }
        let (entity, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if attribute => ("&quot;", 1),
            b'\n' if attribute => ("&#10;", 1),
            // A CR is a line break: read back, a raw one becomes LF anyway.
            b'\r' => ("&#10;", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            // Text never reads as Liquid (`{{`, `{%`) or a kramdown attribute list (`{:`)
            // when our html is rendered again: the second character after a `{`, written
            // from this text or an earlier one, is a reference.
            b'{' if written_before(out, bytes, last, i) == Some(b'{') => ("&#123;", 1),
            b'%' if written_before(out, bytes, last, i) == Some(b'{') => ("&#37;", 1),
            b':' if written_before(out, bytes, last, i) == Some(b'{') => ("&#58;", 1),
            b'\n' | b'\t' | b'"' | 0xc2 | b'{' | b'%' | b':' => {
                i += 1;
                continue;
            }
            _ => ("", 1),
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        i += len;
        last = i;
    }
    out.push_str(&text[last..]);
}
