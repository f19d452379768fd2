//! The Guide screen: which section is open and how far it is scrolled.
//! Text is wrapped here (not by the widget) so scrolling knows its length.

use super::action::Action;
use super::state::State;
use crate::content;

/// Width of the section list for a screen `width` columns wide.
pub fn list_width(width: u16) -> u16 {
    (width / 3).clamp(12, 28)
}

/// The open section's body wrapped to `width` columns.
pub fn wrapped(section: usize, width: u16) -> Vec<String> {
    let sections = &content::guide().sections;
    let Some(sec) = sections.get(section) else {
        return Vec::new();
    };
    let width = (width as usize).max(8);
    let mut out = Vec::new();
    for para in sec.body.split('\n') {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let opts = textwrap::Options::new(width)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::Custom(split_points))
            .subsequent_indent(if para.starts_with("- ") { "  " } else { "" });
        out.extend(
            textwrap::wrap(para, opts)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    out
}

/// Where a word may be split at the end of a line: after a hyphen, but
/// never inside a web address (lines break only at spaces, so an address
/// stays whole unless it is wider than the pane).
fn split_points(word: &str) -> Vec<usize> {
    if word.contains("://") || word.starts_with("www.") {
        Vec::new()
    } else {
        textwrap::WordSplitter::HyphenSplitter.split_points(word)
    }
}

/// Height of the text pane (screen minus tab bar, status line, borders).
pub fn text_height(height: u16) -> u16 {
    height.saturating_sub(4).max(1)
}

/// Width of the text pane inside its border.
pub fn text_width(width: u16) -> u16 {
    width.saturating_sub(list_width(width) + 2).max(8)
}

pub fn max_scroll(s: &State) -> u16 {
    let lines = wrapped(s.guide.section, text_width(s.size.0)).len() as u16;
    lines.saturating_sub(text_height(s.size.1))
}

/// Keeps the scroll inside the text after a resize.
pub fn clamp_scroll(s: &mut State) {
    s.guide.scroll = s.guide.scroll.min(max_scroll(s));
}

pub fn update(s: &mut State, action: &Action) {
    let n = content::guide().sections.len();
    let page = text_height(s.size.1).saturating_sub(1).max(1);
    let g = &mut s.guide;
    match action {
        Action::Left => {
            g.section = (g.section + n - 1) % n;
            g.scroll = 0;
        }
        Action::Right => {
            g.section = (g.section + 1) % n;
            g.scroll = 0;
        }
        Action::Up => g.scroll = g.scroll.saturating_sub(1),
        Action::Down => g.scroll += 1,
        Action::PageUp => g.scroll = g.scroll.saturating_sub(page),
        Action::PageDown => g.scroll += page,
        Action::Top => g.scroll = 0,
        Action::Bottom => g.scroll = u16::MAX,
        _ => {}
    }
    s.guide.scroll = s.guide.scroll.min(max_scroll(s));
}
