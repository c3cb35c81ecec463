//! The output, as a parser reading it back will see it.
//!
//! One stack of open elements ([`Output::open`] pushes, [`Output::close`] pops) and one
//! rule of what may stand where ([`Output::fit`], the HTML parser's own rules for the
//! tags we write): an element that a parser would move, close early or nest otherwise is
//! not written (the walk keeps its content). Inline content at the top level gets a `<p>`.
//!
//! A paragraph, division or heading is not written when it opens: its events are held
//! until what it is has been decided — a section heading (`<p><strong>…</strong></p>`),
//! a figure (a block holding one photo), a line of EastMoney's (promotion, editor,
//! disclaimer …: [`TEXTS`](crate::eastmoney::TEXTS)) — then written as that. Most blocks
//! are decided by their first characters; only the ones that may still be one of these
//! are held longer. Nothing written is ever read again or re-tagged.
//!
//! EastMoney's lines that belong at the end of a post (editor, disclaimer) are held back
//! whole: they are the article's after all if any of its content follows them.

use std::borrow::Cow;
use std::sync::OnceLock;

use ego_tree::NodeId;
use scraper::ElementRef;

use crate::article::{Image, TocEntry};
use crate::contract::{self, Layout, Tag};
use crate::eastmoney::{self, Place, Role, TextRule};
use crate::markup::{caption_after, collapse_spaces, is_generic_alt, is_heading_text, text_of};
use crate::options::Options;
use crate::typography::{cjk_spacing, slug};
use crate::writer::{escape_into, Writer};

/// Attributes of an element to write, checked already.
pub(crate) type Attrs<'a> = Vec<(&'static str, Cow<'a, str>)>;

/// What the walk writes, in order.
#[derive(Debug)]
enum Event<'a> {
    Open(&'static Tag, Attrs<'a>),
    Close,
    Text(Cow<'a, str>),
    Image(Box<Image>),
    Break,
    /// Visible text that is not the article's (a chip's label).
    Label(String),
    /// A void block (`<hr>`).
    Rule,
    /// The end of a paragraph of text (a block that was unwrapped).
    Boundary,
    /// Where the table of contents goes, once every heading is known.
    Toc,
}

/// An open element of the output.
#[derive(Debug, Clone, Copy)]
struct Open {
    tag: &'static str,
    row: &'static Tag,
    /// A `<p>` of ours around inline content at the top level.
    implicit: bool,
}

/// Where a tag may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Yes,
    No,
    /// At the top level: inside a `<p>` of ours.
    Paragraph,
}

/// What a held block may turn out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<p>`: a section heading, a figure, a line of EastMoney's, or a paragraph.
    Paragraph,
    /// `<div>`: a figure, a line of EastMoney's, or a division.
    Division,
    /// `<h2>`…`<h6>`: its text, with an id.
    Heading(u8),
}

/// A block not written yet, its events, and what it may still be.
#[derive(Debug)]
struct Held<'a> {
    /// Its place in the stack.
    at: usize,
    row: &'static Tag,
    kind: Kind,
    /// The input element, where its caption may follow.
    source: Option<ElementRef<'a>>,
    events: Vec<Event<'a>>,
    /// Elements open inside it.
    depth: usize,
    /// Still possible: one photo directly in it, nothing else visible.
    figure: bool,
    images: usize,
    /// Still possible: everything visible in one `<strong>` directly in it.
    bold: bool,
    /// Inside that `<strong>`, and whether text has been seen in it.
    in_strong: bool,
    strong_text: bool,
    /// That `<strong>` has closed, with text.
    strong_done: bool,
    bold_chars: usize,
    /// Something visible has been seen in it.
    shown: bool,
    /// The depth of the outermost block open inside it, while one is: what shows in there
    /// is that block's, and makes this one a plain container.
    block_depth: Option<usize>,
    /// The text so far, folded, while a line of EastMoney's may still start it.
    folded: String,
    /// `None`: no line; `Some(None)`: one may still start it; `Some(Some(rule))`: it does.
    line: Option<Option<&'static TextRule>>,
}

impl<'a> Held<'a> {
    fn new(at: usize, row: &'static Tag, kind: Kind, source: Option<ElementRef<'a>>) -> Self {
        let text_block = !matches!(kind, Kind::Heading(_));
        Held {
            at,
            row,
            kind,
            source,
            events: Vec::new(),
            depth: 0,
            figure: text_block,
            images: 0,
            bold: kind == Kind::Paragraph,
            in_strong: false,
            strong_text: false,
            strong_done: false,
            bold_chars: 0,
            shown: false,
            block_depth: None,
            folded: String::new(),
            line: text_block.then_some(None),
        }
    }

    /// Whether it may still be something other than a plain block.
    fn undecided(&self) -> bool {
        matches!(self.kind, Kind::Heading(_)) || self.figure || self.bold || self.line.is_some()
    }

    fn push(&mut self, event: Event<'a>) {
        let shows = match &event {
            Event::Text(text) => visible(text),
            Event::Image(_) | Event::Label(_) | Event::Rule => true,
            _ => false,
        };
        if shows && self.block_depth.is_some() {
            (self.shown, self.figure, self.bold, self.line) = (true, false, false, None);
        }
        match &event {
            Event::Open(row, _) => {
                if row.layout == Layout::Block && self.block_depth.is_none() {
                    self.block_depth = Some(self.depth);
                }
                self.depth += 1;
                if self.depth == 1 && row.name == "strong" && !self.strong_done {
                    self.in_strong = true;
                }
            }
            Event::Close => {
                if self.depth == 1 && self.in_strong {
                    self.in_strong = false;
                    self.strong_done = self.strong_text;
                }
                self.depth = self.depth.saturating_sub(1);
                if self.block_depth == Some(self.depth) {
                    self.block_depth = None;
                }
            }
            Event::Text(text) if visible(text) => {
                self.shown = true;
                self.figure = false;
                self.bold &= self.in_strong && !self.strong_done;
                if self.bold {
                    // Past 40 characters it is no heading, white space or not.
                    self.bold_chars += text.chars().filter(|c| !c.is_whitespace()).count();
                    self.bold = self.bold_chars <= 40;
                }
                self.strong_text |= self.in_strong;
                if self.line == Some(None) {
                    if self.folded.is_empty() && !eastmoney::may_start(text) {
                        self.line = None;
                    } else {
                        // The first few characters tell: folded that far, no further.
                        eastmoney::fold_into(&mut self.folded, text, eastmoney::LONGEST_START);
                        self.line = eastmoney::prefix_match(&self.folded);
                    }
                }
            }
            Event::Image(_) => {
                self.shown = true;
                self.figure &= self.depth == 0 && self.images == 0;
                self.images += 1;
                self.bold = false;
            }
            Event::Label(_) | Event::Rule => {
                self.shown = true;
                self.figure = false;
                self.bold = false;
            }
            Event::Text(_) | Event::Break | Event::Boundary | Event::Toc => {}
        }
        self.events.push(event);
    }

    /// The text the block shows, white space collapsed.
    fn text(&self) -> String {
        let mut writer = Writer::new(0, false);
        for event in &self.events {
            match event {
                Event::Text(text) => writer.text(text),
                Event::Break => writer.line_break(),
                Event::Boundary => writer.block_boundary(),
                _ => {}
            }
        }
        writer.block_boundary();
        collapse_spaces(&writer.paragraphs.join(" "))
    }
}

/// What EastMoney's lines and elements gave, for the Article's fields.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub(crate) source: Option<String>,
    pub(crate) editor: Option<String>,
    pub(crate) original_title: Option<String>,
    pub(crate) disclaimer: Vec<String>,
    pub(crate) summary: Option<String>,
    pub(crate) original_link: Option<String>,
}

impl Fields {
    /// Keeps what a role gives; the first of each wins, disclaimers add up.
    pub(crate) fn set(&mut self, role: Role, value: String) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let field = match role {
            Role::Source => &mut self.source,
            Role::Editor => &mut self.editor,
            Role::OriginalTitle => &mut self.original_title,
            Role::Summary => &mut self.summary,
            Role::OriginalLink => &mut self.original_link,
            Role::Disclaimer => {
                if !self.disclaimer.iter().any(|d| d == value) {
                    self.disclaimer.push(value.to_owned());
                }
                return;
            }
            _ => return,
        };
        field.get_or_insert_with(|| value.to_owned());
    }
}

/// A finished block of EastMoney's furniture, kept back until it is known to end the post.
#[derive(Debug)]
struct Tail<'a> {
    row: &'static Tag,
    role: Role,
    value: String,
    events: Vec<Event<'a>>,
}

/// The written body.
pub(crate) struct Written {
    pub(crate) html: String,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) prose: String,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) images: Vec<Image>,
}

pub(crate) struct Output<'a> {
    open: Vec<Open>,
    /// Blocks not written yet, outermost first; each decides from its own events, and a
    /// block inside one counts against it only once it shows something.
    held: Vec<Held<'a>>,
    tail: Vec<Tail<'a>>,
    /// Start tags written after the tail, waiting with it.
    waiting: Vec<Event<'a>>,
    /// Buffers of a block written, for the next one held.
    spare: (Vec<Event<'a>>, String),
    writer: Writer,
    headings: bool,
    cjk_spacing: bool,
    /// A caption written into a figure, which the walk then skips.
    caption: Option<NodeId>,
    /// The next block's text is the original title (`<!--原文标题-->`).
    title_next: bool,
    toc: Vec<TocEntry>,
    /// Where `{:toc}` put the table of contents, in the written html.
    toc_at: Option<usize>,
    ids: Ids,
    images: Vec<Image>,
    pub(crate) fields: Fields,
}

impl<'a> Output<'a> {
    pub(crate) fn new(capacity: usize, options: &Options) -> Self {
        Output {
            open: Vec::new(),
            held: Vec::new(),
            tail: Vec::new(),
            waiting: Vec::new(),
            spare: (Vec::new(), String::new()),
            writer: Writer::new(capacity, options.cjk_spacing),
            headings: options.headings,
            cjk_spacing: options.cjk_spacing,
            caption: None,
            title_next: false,
            toc_at: None,
            toc: Vec::new(),
            ids: Ids::default(),
            images: Vec::new(),
            fields: Fields::default(),
        }
    }

    /// Opens `tag`; `false` when it may not stand here (the caller keeps the content only).
    /// `source`: the input element (for a photo's caption after it).
    pub(crate) fn open(
        &mut self,
        row: &'static Tag,
        attrs: Attrs<'a>,
        source: Option<ElementRef<'a>>,
    ) -> bool {
        let tag = row.name;
        if row.layout == Layout::Block {
            self.end_top_paragraph();
        }
        match self.fit(row) {
            Fit::No => return false,
            Fit::Paragraph => self.open_top_paragraph(),
            Fit::Yes => {}
        }
        let at = self.open.len();
        self.open.push(Open {
            tag,
            row,
            implicit: false,
        });
        // A heading holds everything in it as its own.
        let in_heading = matches!(self.held.last(), Some(h) if matches!(h.kind, Kind::Heading(_)));
        match self.kind_of(tag).filter(|_| !in_heading) {
            Some(kind) => self.hold(Held::new(at, row, kind, source)),
            None => self.event(Event::Open(row, attrs)),
        }
        true
    }

    /// Closes the innermost open element.
    pub(crate) fn close(&mut self) {
        if self.open.pop().is_none() {
            return;
        }
        match self.held.last() {
            Some(held) if held.at == self.open.len() => {
                if let Some(held) = self.held.pop() {
                    self.finish_block(held);
                }
            }
            _ => self.event(Event::Close),
        }
    }

    pub(crate) fn text(&mut self, text: Cow<'a, str>) {
        let shows = visible(&text);
        if !self.place_inline(shows) {
            return;
        }
        // After `<!--原文标题-->`, the block whose text this starts is the original title.
        if shows && std::mem::take(&mut self.title_next) {
            if let Some(held) = self
                .held
                .last_mut()
                .filter(|h| h.line.is_some() && !h.shown)
            {
                held.line = Some(Some(&ORIGINAL_TITLE));
            }
        }
        self.event(Event::Text(text));
    }

    pub(crate) fn image(&mut self, image: Image) {
        if self.place_inline(true) {
            self.event(Event::Image(Box::new(image)));
        }
    }

    /// `<br>`: nothing at the top level (no paragraph to break).
    pub(crate) fn line_break(&mut self) {
        if !self.open.is_empty() {
            self.event(Event::Break);
        }
    }

    /// Visible text that is not the article's (a chip's label), inside an open element.
    pub(crate) fn label(&mut self, label: String) {
        self.event(Event::Label(label));
    }

    /// `<hr>`.
    pub(crate) fn rule(&mut self) {
        self.end_top_paragraph();
        if self.fit(contract::tag("hr")) == Fit::Yes {
            self.event(Event::Rule);
        }
    }

    /// A block that was unwrapped starts or ends: the paragraph of text ends (not inside
    /// a `<p>`, whose text is one paragraph).
    pub(crate) fn boundary(&mut self) {
        self.end_top_paragraph();
        if !self.p_in_scope() && !self.open.is_empty() {
            self.event(Event::Boundary);
        }
    }

    /// Whether nothing but a paragraph of ours is open: content here is at the top level.
    pub(crate) fn at_top(&self) -> bool {
        self.open.is_empty() || self.top_paragraph_only()
    }

    /// Whether the walk should skip this input element: a caption written already.
    pub(crate) fn written_already(&mut self, node: NodeId) -> bool {
        if self.caption == Some(node) {
            self.caption = None;
            return true;
        }
        false
    }

    /// `{:toc}`: the table of contents goes here, at the top level (the first marker).
    pub(crate) fn toc_marker(&mut self) {
        self.end_top_paragraph();
        if self.open.is_empty() {
            self.event(Event::Toc);
        }
    }

    /// `<!--原文标题-->`: the block whose text comes next is the original title.
    pub(crate) fn title_marker(&mut self) {
        self.title_next = true;
    }

    pub(crate) fn finish(mut self) -> (Written, Fields) {
        while !self.open.is_empty() {
            self.close();
        }
        // Nothing of the article followed them: they end the post.
        for tail in std::mem::take(&mut self.tail) {
            self.fields.set(tail.role, tail.value);
        }
        self.writer.block_boundary();
        if let Some(at) = self.toc_at {
            let toc = toc_html(&self.toc);
            self.writer.html.insert_str(at, &toc);
        }
        let written = Written {
            html: self.writer.html,
            paragraphs: self.writer.paragraphs,
            prose: self.writer.prose,
            toc: self.toc,
            images: self.images,
        };
        (written, self.fields)
    }

    /// Where `tag` may be written, by the parser's rules for the tags we write.
    fn fit(&self, row: &contract::Tag) -> Fit {
        let Some(top) = self.open.last() else {
            return match row.layout {
                Layout::Block => Fit::Yes,
                _ => Fit::Paragraph,
            };
        };
        // Table rows and sections hold their parts only (anything else is moved out).
        if table_containers().contains(&top.tag) || !row.inside.is_empty() {
            return match row.inside.contains(&top.tag) {
                true => Fit::Yes,
                false => Fit::No,
            };
        }
        let fits = match row.name {
            // A block closes an open `<p>`; an `<a>` never nests in another.
            _ if row.layout == Layout::Block && self.p_in_scope() => false,
            "a" => !self.open.iter().any(|o| o.tag == "a"),
            // A heading closes the heading it would be written straight into.
            _ if heading_level(row.name).is_some() => heading_level(top.tag).is_none(),
            // An item closes the open item it would nest in with no list between.
            "li" => !self.item_open(&["li"]),
            "dt" | "dd" => !self.item_open(&["dt", "dd"]),
            _ => true,
        };
        match fits {
            true => Fit::Yes,
            false => Fit::No,
        }
    }

    /// Whether a `<p>` is open in button scope (a block start tag would close it).
    fn p_in_scope(&self) -> bool {
        for open in self.open.iter().rev() {
            match open.tag {
                "p" => return true,
                // The boundaries of button scope among the tags we write.
                "table" | "td" | "th" | "caption" => return false,
                _ => {}
            }
        }
        false
    }

    /// Whether one of `items` is open with only phrasing, `<div>` or `<p>` above it (a
    /// parser closes it when another item starts).
    fn item_open(&self, items: &[&str]) -> bool {
        for open in self.open.iter().rev() {
            if items.contains(&open.tag) {
                return true;
            }
            if open.row.layout != Layout::Inline && !matches!(open.tag, "div" | "p") {
                return false;
            }
        }
        false
    }

    fn top_paragraph_only(&self) -> bool {
        matches!(self.open.as_slice(), [Open { implicit: true, .. }])
    }

    /// Opens a `<p>` of ours around inline content at the top level.
    fn open_top_paragraph(&mut self) {
        let row = contract::tag("p");
        self.open.push(Open {
            tag: "p",
            row,
            implicit: true,
        });
        self.hold(Held::new(0, row, Kind::Paragraph, None));
    }

    /// A block at the top level ends the paragraph of inline content before it.
    fn end_top_paragraph(&mut self) {
        if self.top_paragraph_only() {
            self.close();
        }
    }

    /// Readies the place for inline content; `false` when it has no place here.
    fn place_inline(&mut self, visible: bool) -> bool {
        match self.open.last() {
            None if !visible => false,
            None => {
                self.open_top_paragraph();
                true
            }
            // White space between table parts is layout.
            Some(top) if table_containers().contains(&top.tag) => visible,
            Some(_) => true,
        }
    }

    /// What a block may be decided as, if it is one that is held.
    fn kind_of(&self, tag: &str) -> Option<Kind> {
        // In `<pre>` white space is text: a line break beside a photo keeps it from being alone.
        if self.open.iter().any(|o| o.tag == "pre") {
            return None;
        }
        match tag {
            "p" => Some(Kind::Paragraph),
            "div" => Some(Kind::Division),
            _ => heading_level(tag).map(Kind::Heading),
        }
    }

    fn hold(&mut self, mut held: Held<'a>) {
        let (events, mut folded) = std::mem::take(&mut self.spare);
        folded.clear();
        (held.events, held.folded) = (events, folded);
        held.bold &= self.headings;
        self.held.push(held);
    }

    /// An event: to the innermost held block, else written.
    fn event(&mut self, event: Event<'a>) {
        match self.held.last_mut() {
            Some(held) => {
                held.push(event);
                if !held.undecided() {
                    self.flush();
                }
            }
            None => self.write(event),
        }
    }

    /// The innermost held block is a plain one: it and what it holds so far go on (to the
    /// block around it, or written); it stays open.
    fn flush(&mut self) {
        if let Some(mut held) = self.held.pop() {
            self.event(Event::Open(held.row, Vec::new()));
            let mut events = std::mem::take(&mut held.events);
            for event in events.drain(..) {
                self.event(event);
            }
            // Most blocks pass through here: their buffers serve the next one.
            self.spare = (events, std::mem::take(&mut held.folded));
        }
    }

    /// A held block ends: decide what it is, and write it as that.
    fn finish_block(&mut self, held: Held<'a>) {
        match self.decide(&held) {
            Decision::Heading(text, level) => self.heading(text, level),
            Decision::Line(rule, text) => self.line(held, rule, &text),
            Decision::Figure => self.figure(held),
            Decision::Plain => {
                self.held.push(held);
                self.flush();
                self.event(Event::Close);
            }
        }
    }

    fn decide(&self, held: &Held<'a>) -> Decision {
        if let Kind::Heading(level) = held.kind {
            return Decision::Heading(held.text(), level);
        }
        if let Some(Some(rule)) = held.line {
            let text = held.text();
            let rule = match std::ptr::eq(rule, &ORIGINAL_TITLE) {
                true => Some(rule),
                false => eastmoney::text_rule(&eastmoney::fold(&text)),
            };
            // A line of the end is taken out only where that moves no structure: from
            // nothing but divisions.
            let movable = |rule: &TextRule| {
                rule.place == Place::Anywhere || self.open.iter().all(|o| o.tag == "div")
            };
            if let Some(rule) = rule.filter(|r| movable(r)) {
                return Decision::Line(rule, text);
            }
        }
        if held.bold && held.strong_done {
            let text = held.text();
            if is_heading_text(&text) {
                return Decision::Heading(text, 2);
            }
        }
        if held.figure && held.images == 1 {
            return Decision::Figure;
        }
        Decision::Plain
    }

    /// A line of EastMoney's: dropped, into its field, or held at the end of the post.
    fn line(&mut self, held: Held<'a>, rule: &'static TextRule, text: &str) {
        let value = match rule.role {
            Role::OriginalTitle => original_title(text),
            _ => eastmoney::field_value(rule, text),
        };
        match (rule.role, rule.place) {
            (Role::Ad, _) => {}
            (role, Place::Anywhere) => self.fields.set(role, value),
            (role, Place::End) => self.tail.push(Tail {
                row: held.row,
                role,
                value,
                events: held.events,
            }),
        }
    }

    /// `<hN id>` with the heading's text, listed in the table of contents.
    fn heading(&mut self, text: String, level: u8) {
        let text = match self.cjk_spacing {
            // The id and the toc say what the page shows (the writer spaces it too).
            true => cjk_spacing(&text),
            false => text,
        };
        if text.is_empty() {
            return;
        }
        let id = self.ids.unique(slug(&text));
        let tag = ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(2, 6) - 2)];
        self.event(Event::Open(
            contract::tag(tag),
            vec![("id", Cow::Owned(id.clone()))],
        ));
        self.event(Event::Text(Cow::Owned(text.clone())));
        self.event(Event::Close);
        self.toc.push(TocEntry { id, text, level });
    }

    /// A block holding only a photo, and the caption paragraph after it: `<figure>`.
    fn figure(&mut self, held: Held<'a>) {
        let caption = held.source.and_then(caption_after);
        if let Some(caption) = caption {
            self.caption = Some(caption.id());
        }
        let caption = caption
            .map(|c| collapse_spaces(&text_of(c)))
            .filter(|c| !c.is_empty());
        let image = held.events.into_iter().find_map(|event| match event {
            Event::Image(image) => Some(image),
            _ => None,
        });
        let Some(mut image) = image else { return };
        // A caption that says no more than "图片" is no alt text either.
        if image.alt.is_empty() {
            image.alt = caption
                .clone()
                .filter(|c| !is_generic_alt(c))
                .unwrap_or_default();
        }
        image.caption.clone_from(&caption);
        self.event(Event::Open(contract::tag("figure"), Vec::new()));
        self.event(Event::Image(image));
        if let Some(caption) = caption {
            self.event(Event::Open(contract::tag("figcaption"), Vec::new()));
            self.event(Event::Text(Cow::Owned(caption)));
            self.event(Event::Close);
        }
        self.event(Event::Close);
    }

    /// Writes an event. While lines of the end wait, start tags wait too: the first
    /// visible content after them writes the lines (the article's, after all), then the
    /// start tags, then itself. An element that closes still waiting was empty.
    fn write(&mut self, event: Event<'a>) {
        if !self.tail.is_empty() {
            match &event {
                Event::Open(..) => return self.waiting.push(event),
                Event::Close if !self.waiting.is_empty() => {
                    self.waiting.pop();
                    return;
                }
                Event::Text(text) if !visible(text) => return,
                Event::Image(_) | Event::Label(_) | Event::Rule | Event::Text(_) => {
                    self.release_tail()
                }
                _ => {}
            }
        }
        match event {
            Event::Open(row, attrs) => self.writer.open(row, &attrs),
            Event::Close => self.writer.close(),
            Event::Text(text) => self.writer.text(&text),
            Event::Image(image) => self.write_image(*image),
            Event::Break => self.writer.line_break(),
            Event::Label(label) => self.writer.label(&label),
            Event::Rule => self.writer.void("hr", &[]),
            Event::Boundary => self.writer.block_boundary(),
            Event::Toc => {
                self.toc_at.get_or_insert(self.writer.html.len());
            }
        }
    }

    fn release_tail(&mut self) {
        let tail = std::mem::take(&mut self.tail);
        let waiting = std::mem::take(&mut self.waiting);
        for Tail { row, events, .. } in tail {
            self.write(Event::Open(row, Vec::new()));
            for event in events {
                self.write(event);
            }
            self.write(Event::Close);
        }
        for event in waiting {
            self.write(event);
        }
    }

    /// `<img>` with its size, lazy loading and no referrer (EastMoney's CDN refuses
    /// foreign referrers).
    fn write_image(&mut self, image: Image) {
        let mut attrs: Attrs = vec![
            ("src", Cow::Borrowed(image.src.as_str())),
            ("alt", Cow::Borrowed(image.alt.as_str())),
        ];
        if let (Some(w), Some(h)) = (image.width, image.height) {
            attrs.push(("width", Cow::Owned(w.to_string())));
            attrs.push(("height", Cow::Owned(h.to_string())));
        }
        attrs.push(("loading", Cow::Borrowed("lazy")));
        attrs.push(("decoding", Cow::Borrowed("async")));
        attrs.push(("referrerpolicy", Cow::Borrowed("no-referrer")));
        self.writer.void("img", &attrs);
        drop(attrs);
        self.images.push(image);
    }
}

/// What a held block turns out to be.
enum Decision {
    Heading(String, u8),
    Line(&'static TextRule, String),
    Figure,
    Plain,
}

/// The row a `<!--原文标题-->` marker gives the block after it.
static ORIGINAL_TITLE: TextRule = TextRule {
    starts: "",
    ends: "",
    role: Role::OriginalTitle,
    place: Place::Anywhere,
};

fn original_title(text: &str) -> String {
    let text = text.trim();
    ["原标题：", "原标题:"]
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .unwrap_or(text)
        .trim()
        .to_owned()
}

/// The level of a heading tag we write (`h2`–`h6`; `h1` is the title's).
fn heading_level(tag: &str) -> Option<u8> {
    match tag.as_bytes() {
        [b'h', level @ b'2'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// Whether text shows anything (control characters are dropped when written).
fn visible(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace() && !c.is_control())
}

/// The tags that hold only their parts (`<table>`, `<tbody>`, `<tr>` …): the `inside`
/// of some row of the policy.
fn table_containers() -> &'static [&'static str] {
    static CONTAINERS: OnceLock<Vec<&'static str>> = OnceLock::new();
    CONTAINERS.get_or_init(|| {
        let mut tags: Vec<&'static str> = Vec::new();
        for parent in contract::TAGS
            .iter()
            .flat_map(|row| row.inside.iter().copied())
        {
            if !tags.contains(&parent) {
                tags.push(parent);
            }
        }
        tags
    })
}

/// Heading ids, unique in the article.
#[derive(Debug, Default)]
struct Ids {
    /// Every id given, and the last suffix tried with it as a base.
    given: std::collections::HashMap<String, usize>,
}

impl Ids {
    /// `base`, else `base-2`, `base-3` …, going on from the last suffix given to `base`:
    /// trying every suffix from 2 again made repeated headings quadratic.
    fn unique(&mut self, base: String) -> String {
        let Some(&last) = self.given.get(&base) else {
            self.given.insert(base.clone(), 1);
            return base;
        };
        let mut n = last;
        loop {
            n += 1;
            let id = format!("{base}-{n}");
            if !self.given.contains_key(&id) {
                self.given.insert(base, n);
                self.given.insert(id.clone(), 1);
                return id;
            }
        }
    }
}

/// The table of contents as kramdown writes it for `{:toc}`: nested lists of links to
/// the headings, a deeper heading one level in.
fn toc_html(toc: &[TocEntry]) -> String {
    let mut html = String::new();
    let mut levels: Vec<u8> = Vec::new();
    for entry in toc {
        match levels.last() {
            Some(&last) if entry.level <= last => {
                while levels.len() > 1 && levels.last().is_some_and(|&l| entry.level < l) {
                    levels.pop();
                    html.push_str("</li></ul>");
                }
                html.push_str("</li><li>");
            }
            _ => {
                levels.push(entry.level);
                html.push_str("<ul><li>");
            }
        }
        html.push_str("<a href=\"#");
        escape_into(&mut html, &entry.id, true);
        html.push_str("\">");
        escape_into(&mut html, &entry.text, false);
        html.push_str("</a>");
    }
    for _ in levels {
        html.push_str("</li></ul>");
    }
    html
}
