//! A one-line text field that edits on grapheme boundaries, so wide
//! characters and emoji (including ZWJ sequences) move and delete as one.

use super::action::Action;
use crate::domain::time::{check_not_ahead, parse_time_of_day};
use chrono::{NaiveDate, NaiveDateTime};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::domain::MAX_TEXT_BYTES;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position, in graphemes from the start.
    cursor: usize,
    /// The whole text is selected (an offered value): typing replaces it,
    /// Backspace clears it, moving the cursor keeps it.
    selected: bool,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        let text = one_line(text);
        let cursor = text.graphemes(true).count();
        TextField {
            text,
            cursor,
            selected: false,
        }
    }

    /// An offered value: the first key typed replaces it.
    pub fn offered(text: &str) -> TextField {
        let mut f = TextField::new(text);
        f.selected = true;
        f
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.cursor = self.len();
    }

    pub fn clear(&mut self) {
        *self = TextField::default();
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, grapheme: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .nth(grapheme)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }

    fn len(&self) -> usize {
        self.text.graphemes(true).count()
    }

    /// Inserts text at the cursor as one edit (typing or a whole paste),
    /// cut on a grapheme boundary so the field never holds more than
    /// `MAX_TEXT_BYTES`; returns false when something was cut.
    pub fn insert(&mut self, s: &str) -> bool {
        if self.selected {
            self.clear();
        }
        let mut s = one_line(s);
        let room = MAX_TEXT_BYTES.saturating_sub(self.text.len());
        let fits = s.len() <= room;
        if !fits {
            let keep = s
                .grapheme_indices(true)
                .map(|(i, g)| i + g.len())
                .take_while(|end| *end <= room)
                .last()
                .unwrap_or(0);
            s.truncate(keep);
        }
        let at = self.byte_at(self.cursor);
        let before = self.text[..at].graphemes(true).count();
        self.text.insert_str(at, &s);
        // Count graphemes again: the insert may join with a neighbour (ZWJ).
        let after_len = self.text[..at + s.len()].graphemes(true).count();
        self.cursor = after_len.max(before);
        fits
    }

    pub fn backspace(&mut self) {
        if self.selected {
            return self.clear();
        }
        if self.cursor == 0 {
            return;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.text.replace_range(start..end, "");
        self.cursor -= 1;
    }

    pub fn delete(&mut self) {
        if self.selected {
            return self.clear();
        }
        if self.cursor >= self.len() {
            return;
        }
        let start = self.byte_at(self.cursor);
        let end = self.byte_at(self.cursor + 1);
        self.text.replace_range(start..end, "");
    }

    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.len();
    }

    pub fn set(&mut self, text: &str) {
        *self = TextField::new(text);
    }

    /// The visible slice for a box `width` columns wide and the cursor's
    /// column inside it; scrolls so the cursor stays visible.
    pub fn visible(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let graphemes: Vec<&str> = self.text.graphemes(true).collect();
        // cols[n]: the column where grapheme n starts.
        let mut cols = Vec::with_capacity(graphemes.len() + 1);
        cols.push(0);
        for g in &graphemes {
            cols.push(cols.last().copied().unwrap_or(0) + g.width());
        }
        let col_of = |n: usize| cols[n];
        let cursor_col = col_of(self.cursor.min(graphemes.len()));
        // First grapheme shown: enough to keep the cursor inside the box.
        let mut start = 0;
        while cursor_col - col_of(start) >= width && start < graphemes.len() {
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for g in &graphemes[start..] {
            let w = g.width();
            if used + w > width {
                break;
            }
            out.push_str(g);
            used += w;
        }
        (out, cursor_col - col_of(start))
    }
}

/// Applies a text-editing action to a field; true when the text changed.
pub fn edit_field(f: &mut TextField, action: &Action) -> bool {
    match action {
        Action::Type(c) => {
            f.insert(&c.to_string());
            true
        }
        Action::Paste(s) => {
            f.insert(s);
            true
        }
        Action::Backspace => {
            f.backspace();
            true
        }
        Action::DeleteChar => {
            f.delete();
            true
        }
        Action::ClearField => {
            f.clear();
            true
        }
        Action::Left => {
            f.left();
            false
        }
        Action::Right => {
            f.right();
            false
        }
        Action::Home => {
            f.home();
            false
        }
        Action::End => {
            f.end();
            false
        }
        _ => false,
    }
}

/// A time typed into a form on `date`: the shared parser, then the shared
/// "not more than an hour ahead" rule.
pub fn time_on(
    date: NaiveDate,
    field: &TextField,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, String> {
    let t = parse_time_of_day(field.text()).map_err(|e| e.to_string())?;
    check_not_ahead(date.and_time(t), now).map_err(|e| e.to_string())
}

/// Fields hold one line: pasted newlines and tabs become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_on_grapheme_boundaries() {
        let mut f = TextField::new("tea 🍵 and 👨‍👩‍👧");
        f.backspace();
        assert_eq!(f.text(), "tea 🍵 and ");
        f.home();
        f.right();
        f.insert("é");
        assert_eq!(f.text(), "téea 🍵 and ");
        f.end();
        f.left();
        f.left();
        f.delete();
        assert_eq!(f.text(), "téea 🍵 an ");
    }

    #[test]
    fn wide_characters_scroll_by_columns() {
        let f = TextField::new("寿司寿司寿司");
        let (shown, col) = f.visible(5);
        assert!(shown.width() <= 5);
        assert!(col <= 5);
    }

    #[test]
    fn a_field_holds_at_most_max_text_bytes() {
        let mut f = TextField::new("");
        assert!(!f.insert(&"🍣".repeat(MAX_TEXT_BYTES)));
        assert!(f.text().len() <= MAX_TEXT_BYTES);
        assert!(
            f.text().len() > MAX_TEXT_BYTES - 4,
            "cut on a grapheme boundary"
        );
        assert!(!f.insert("x"));
        let (shown, _) = f.visible(40);
        assert!(shown.width() <= 40);
    }

    #[test]
    fn typing_replaces_an_offered_value() {
        let mut f = TextField::offered("21:30");
        f.insert("8");
        assert_eq!(f.text(), "8");
        let mut f = TextField::offered("21:30");
        f.backspace();
        assert_eq!(f.text(), "");
        let mut f = TextField::offered("21:30");
        f.left();
        f.insert("5");
        assert_eq!(f.text(), "21:350");
    }

    #[test]
    fn paste_is_one_line() {
        let mut f = TextField::new("");
        f.insert("rice,\nbeans");
        assert_eq!(f.text(), "rice, beans");
        assert_eq!(f.cursor(), 11);
    }
}
