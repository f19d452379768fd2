//! Two calm lines above a screen: the diary's own see-a-doctor notes
//! (Today and Insights), with their sources, and on Today the reminder
//! that yesterday has nothing logged. Both were worked out on the effects
//! side (`tui/notes.rs`); here they are only laid out.

use super::theme::Theme;
use super::wrap_styled;
use crate::content::{self, cite, fill, tui_text};
use crate::tui::action::{Action, Screen};
use crate::tui::keymap::{key_for, Context};
use crate::tui::state::{Modal, State};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws `lines` (wrapped already) at the top of `area`; returns the
/// area below.
fn on_top(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) -> Rect {
    let h = (lines.len() as u16).min(area.height);
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(h),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(lines), top);
    rest
}

/// The diary's see-a-doctor notes with their sources: on Today in full
/// when they fit in a quarter of `area`, else (and on Insights, whose
/// review needs the room) a short line naming each note, with its sources
/// where they fit, and the key that shows them whole, so the screen's
/// first section stays in view.
pub fn doctor_notes(frame: &mut Frame, area: Rect, s: &State, t: &Theme) -> Rect {
    let notes = &s.notes.doctor;
    if notes.is_empty() {
        return area;
    }
    let text = tui_text();
    if s.screen == Screen::Today {
        let mut full = vec![Line::from(Span::styled(
            text.notes_title.clone(),
            t.heading(),
        ))];
        for n in notes {
            full.extend(wrap_styled(
                &format!("- {}", n.cited()),
                area.width,
                Style::new(),
                "  ",
            ));
        }
        full.push(Line::raw(""));
        if full.len() as u16 <= area.height / 4 {
            return on_top(frame, area, full);
        }
    }
    // "Frequent bloating" → "frequent bloating [NHS: bloating; …]".
    let titles = &content::report().attention.pattern_titles;
    let names = |sources: bool| -> String {
        let names: Vec<String> = notes
            .iter()
            .map(|n| {
                let title = titles.get(n.id).map_or(n.id, String::as_str);
                let mut c = title.chars();
                let title: String = c
                    .next()
                    .map(|f| f.to_lowercase().chain(c).collect())
                    .unwrap_or_default();
                if sources {
                    format!("{title} {}", cite(&n.sources))
                } else {
                    title
                }
            })
            .collect();
        names.join("; ")
    };
    let open = key_for(Context::Today, &Action::RedFlags);
    let today = key_for(Context::Global, &Action::Show(Screen::Today));
    let short = |sources: bool| {
        let names = names(sources);
        let line = if s.screen == Screen::Today {
            fill(&text.notes_short, &[("notes", &names), ("open", &open)])
        } else {
            fill(
                &text.notes_short_insights,
                &[("notes", &names), ("today", &today), ("open", &open)],
            )
        };
        wrap_styled(&line, area.width, t.heading(), "")
    };
    // With the sources when they fit: one line on a small screen, two
    // on a taller one; else the names, the sources one key away.
    let room = if area.height >= 30 { 2 } else { 1 };
    let with_sources = short(true);
    let lines = if with_sources.len() <= room {
        with_sources
    } else {
        short(false)
    };
    on_top(frame, area, lines)
}

/// "Nothing logged yesterday": with the key that goes there and the one
/// that hides it. Not over the welcome.
pub fn yesterday_reminder(frame: &mut Frame, area: Rect, s: &State, t: &Theme) -> Rect {
    let Some(day) = s.notes.yesterday_reminder() else {
        return area;
    };
    if matches!(s.modal, Some(Modal::Welcome)) {
        return area;
    }
    let line = fill(
        &tui_text().yesterday_empty,
        &[
            ("date", &day.format("%a %-d %b").to_string()),
            ("go", &key_for(Context::Global, &Action::PrevDay)),
            (
                "hide",
                &key_for(Context::YesterdayReminder, &Action::HideReminder),
            ),
        ],
    );
    on_top(frame, area, wrap_styled(&line, area.width, t.ok(), ""))
}
