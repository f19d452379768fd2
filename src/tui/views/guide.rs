//! The Guide: section titles on the left, the open section's text on the
//! right, wrapped and scrolled.

use super::fit;
use super::theme::Theme;
use crate::content;
use crate::tui::guide::{list_width, text_width, wrapped};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let lw = list_width(area.width);
    let [list, text] = area.layout(&Layout::horizontal([
        Constraint::Length(lw),
        Constraint::Fill(1),
    ]));
    let sections = &content::guide().sections;
    let lines: Vec<Line> = sections
        .iter()
        .enumerate()
        .map(|(i, sec)| {
            let l = Line::raw(fit(&sec.title, lw as usize - 1));
            if i == s.guide.section {
                l.patch_style(t.selected())
            } else {
                l
            }
        })
        .collect();
    let top = super::scroll_for(s.guide.section, list.height as usize, lines.len());
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(top).collect::<Vec<_>>()),
        list,
    );
    let title = sections
        .get(s.guide.section)
        .map(|x| x.title.clone())
        .unwrap_or_default();
    let body = wrapped(s.guide.section, text_width(area.width));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), t.heading()));
    let para = Paragraph::new(body.into_iter().map(Line::raw).collect::<Vec<_>>())
        .block(block)
        .scroll((s.guide.scroll, 0));
    frame.render_widget(para, text);
}
