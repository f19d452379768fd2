//! The Journal: one line per day, newest first (or search results), and a
//! month calendar coloured by the day's worst symptom.

use super::calendar::severity_month;
use super::theme::Theme;
use super::{fit, scroll_for};
use crate::content::{fill, tui_text};
use crate::domain::symptom_name;
use crate::tui::action::{Action, Screen};
use crate::tui::journal::selected;
use crate::tui::keymap::{key_for, Context};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let (list, cal) = if area.width >= 70 && area.height >= 10 {
        let [l, c] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(24),
        ]));
        (l, Some(c))
    } else {
        (area, None)
    };
    let title = match &s.journal.query {
        Some(q) => {
            let t = tui_text();
            let n = s.journal.results.len();
            let results = fill(
                if n == 1 { &t.meals_one } else { &t.meals_many },
                &[("n", &n.to_string())],
            );
            let clear = key_for(Context::Journal, &Action::Close);
            fill(
                &t.journal_search_title,
                &[("query", q), ("results", &results), ("clear", &clear)],
            )
        }
        None => format!(" Days with entries: {} ", s.journal.dates.len()),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, t.heading()));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = inner.width as usize;
    // Only the visible lines are built: a 10-year diary has ~3,650 days.
    let total = if s.journal.query.is_some() {
        s.journal.results.len()
    } else {
        s.journal.dates.len()
    };
    let h = inner.height as usize;
    let top = scroll_for(s.journal.cursor, h, total);
    let line_at = |i: usize| -> Line<'static> {
        if s.journal.query.is_some() {
            let m = &s.journal.results[i];
            let text = format!(
                "{}  {:<9} {}{}",
                m.at.format("%a %Y-%m-%d %H:%M"),
                m.slot.as_str(),
                m.foods.join(", "),
                m.note
                    .as_ref()
                    .map(|n| format!("  ({n})"))
                    .unwrap_or_default()
            );
            Line::raw(fit(&text, width))
        } else {
            day_line(s, t, s.journal.dates[i], width)
        }
    };
    if total == 0 {
        let text = tui_text();
        let msg = if s.journal.query.is_some() {
            fill(
                &text.journal_no_match,
                &[
                    ("search", &key_for(Context::Journal, &Action::Search)),
                    ("clear", &key_for(Context::Journal, &Action::Close)),
                ],
            )
        } else {
            let today = key_for(Context::Global, &Action::Show(Screen::Today));
            fill(&text.journal_empty, &[("today", &today)])
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, t.dim())).wrap(Wrap { trim: true }),
            inner,
        );
    } else {
        let visible: Vec<Line> = (top..(top + h).min(total))
            .map(|i| {
                let l = line_at(i);
                if i == s.journal.cursor {
                    l.patch_style(t.selected())
                } else {
                    l
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(visible), inner);
    }
    if let Some(cal) = cal {
        calendar(frame, cal, s, t);
    }
}

fn day_line(s: &State, t: &Theme, d: chrono::NaiveDate, width: usize) -> Line<'static> {
    let head = format!("{} ", d.format("%a %Y-%m-%d"));
    let Some(sum) = s.journal.summaries.get(&d) else {
        return Line::raw(fit(&head, width));
    };
    let mut spans = vec![Span::raw(head)];
    let (worst, style) = match &sum.worst {
        Some((id, l)) => (
            format!(
                "{:<8} {:<12} ",
                crate::domain::Severity::new(*l as i64)
                    .map(|v| v.word())
                    .unwrap_or("?"),
                fit(&symptom_name(id), 12)
            ),
            t.severity(*l),
        ),
        None => (format!("{:<21} ", "no symptoms"), t.dim()),
    };
    spans.push(Span::styled(worst, style));
    let mood = sum
        .mood
        .map(|m| format!("mood {m} "))
        .unwrap_or_else(|| "       ".into());
    let stools = if sum.stools.is_empty() {
        String::new()
    } else {
        format!(
            "stool {} ",
            sum.stools
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    let text = tui_text();
    let meals = if sum.meals == 1 {
        &text.meals_one
    } else {
        &text.meals_many
    };
    let foods = format!(
        "{}: {}",
        fill(meals, &[("n", &sum.meals.to_string())]),
        sum.foods.join(", ")
    );
    spans.push(Span::raw(format!("{mood}{stools}")));
    spans.push(Span::raw(foods));
    // Trim the spans to the width.
    let mut used = 0;
    let mut out = Vec::new();
    for sp in spans {
        let w = sp.width();
        if used + w <= width {
            used += w;
            out.push(sp);
        } else {
            out.push(Span::styled(fit(&sp.content, width - used), sp.style));
            break;
        }
    }
    Line::from(out)
}

fn calendar(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let sel = selected(s).unwrap_or(s.date);
    let levels = s
        .journal
        .summaries
        .iter()
        .filter_map(|(d, sum)| sum.worst.as_ref().map(|(_, l)| (*d, *l)));
    let week_start = s.config.first_day_of_week.value;
    let cal = severity_month(sel, levels, Some(sel), week_start, t);
    frame.render_widget(
        cal.block(Block::default().borders(Borders::LEFT | Borders::TOP)),
        area,
    );
}
