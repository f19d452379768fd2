//! Drawing: pure functions of `&State`. `draw` lays out the tab bar, the
//! screen, the status line and any overlay, or the too-small message.

mod calendar;
mod experiment;
mod guide;
mod insights;
mod insights_charts;
mod journal;
mod meal_form;
mod notes;
mod overlays;
mod plan;
mod red_flags;
pub mod theme;
mod today;

use super::action::{Action, Screen};
use super::keymap::{status_bindings, Context, Hint};
use super::state::{Modal, State, MIN_HEIGHT, MIN_WIDTH};
use crate::content::{fill, tui_text};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use theme::Theme;

pub fn draw(frame: &mut Frame, s: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let t = Theme { color: s.color() };
    // A message too long for one line wraps onto up to a third of the
    // screen (at least three lines); one longer still ends in "…".
    let max_status = (area.height / 3).max(3);
    let status_line = fit_lines(status_line(s, &t, area.width), area.width, max_status);
    let status_h =
        wrapped_height(std::slice::from_ref(&status_line), area.width).clamp(1, max_status);
    let [tabs, body, status] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_h),
    ]));
    frame.render_widget(tab_bar(s, &t, tabs.width), tabs);
    match s.screen {
        Screen::Today => today::draw(frame, body, s, &t),
        Screen::Journal => journal::draw(frame, body, s, &t),
        Screen::Plan => plan::draw(frame, body, s, &t),
        Screen::Insights => insights::draw(frame, body, s, &t),
        Screen::Guide => guide::draw(frame, body, s, &t),
    }
    frame.render_widget(
        Paragraph::new(status_line).wrap(Wrap { trim: false }),
        status,
    );
    overlays::draw(frame, area, s, &t);
}

/// The line, its last span shortened (ending in "…") until it wraps onto
/// at most `max` rows of `width`.
fn fit_lines(mut line: Line<'static>, width: u16, max: u16) -> Line<'static> {
    while wrapped_height(std::slice::from_ref(&line), width) > max {
        let Some(last) = line.spans.last_mut() else {
            break;
        };
        let text = last.content.trim_end_matches('…');
        let n = text.chars().count();
        if n == 0 {
            break;
        }
        let keep = n - (n / 10).max(1);
        let cut: String = text.chars().take(keep).collect();
        last.content = format!("{}…", cut.trim_end()).into();
    }
    line
}

fn tab_bar(s: &State, t: &Theme, width: u16) -> Line<'static> {
    let mut spans = vec![Span::styled(" gutlog ", t.heading())];
    for screen in Screen::ALL {
        let label = format!(" {} {} ", screen.key(), screen.title());
        spans.push(if screen == s.screen {
            Span::styled(label, t.selected())
        } else {
            Span::raw(label)
        });
    }
    let date = date_label(s);
    let used: usize = spans.iter().map(|sp| sp.width()).sum();
    let pad = (width as usize).saturating_sub(used + date.chars().count() + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(date, t.heading()));
    Line::from(spans)
}

pub fn date_label(s: &State) -> String {
    let mut d = s.date.format("%a %-d %b %Y").to_string();
    if s.is_today() {
        d.push_str(" (today)");
    }
    d
}

fn status_line(s: &State, t: &Theme, width: u16) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" {} │", s.date.format("%a %-d %b")),
        t.heading(),
    )];
    if let Some(m) = &s.message {
        let style = if m.error { t.error() } else { t.ok() };
        spans.push(Span::styled(format!(" {}", m.text), style));
        return Line::from(spans);
    }
    if let Some(Modal::Jump(typed)) = &s.modal {
        let prompt = fill(&tui_text().jump_prompt, &[("typed", typed.text())]);
        spans.push(Span::styled(format!(" {prompt}▏ "), t.ok()));
    }
    // Keys of this row or field first, then always-useful global ones
    // (help, quit) that must stay visible: placed first when space runs out.
    let mut all = status_bindings(&s.contexts());
    all.retain(|h| s.offers(&h.binding.action));
    let (tail, head): (Vec<_>, Vec<_>) = all.into_iter().partition(|h| {
        h.binding.context == Context::Global
            && matches!(h.binding.action, Action::Help | Action::Quit)
    });
    let hint = |h: &Hint| {
        vec![
            Span::styled(format!(" {}", h.label()), t.heading()),
            Span::raw(format!(" {} ", h.binding.help)),
        ]
    };
    let tail_spans: Vec<Span> = tail.iter().flat_map(&hint).collect();
    let tail_w: usize = tail_spans.iter().map(|x| x.width()).sum();
    let mut used: usize = spans.iter().map(|x| x.width()).sum::<usize>() + tail_w;
    for b in head {
        let h = hint(&b);
        let w: usize = h.iter().map(|x| x.width()).sum();
        if used + w > width as usize {
            continue;
        }
        used += w;
        spans.extend(h);
    }
    spans.extend(tail_spans);
    Line::from(spans)
}

/// A rectangle centred in `area`, at most `w`×`h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Keeps line `selected` visible in a window of `height` lines.
pub fn scroll_for(selected: usize, height: usize, total: usize) -> usize {
    if height == 0 || total <= height {
        return 0;
    }
    let half = height / 2;
    selected.saturating_sub(half).min(total - height)
}

/// Truncates to at most `width` display columns.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            if width > 0 && !out.is_empty() {
                out.pop();
                out.push('…');
            }
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// `text` wrapped to `width` columns, every line in `style`, the lines
/// after the first indented by `indent`.
pub(super) fn wrap_styled(
    text: &str,
    width: u16,
    style: ratatui::style::Style,
    indent: &str,
) -> Vec<Line<'static>> {
    let opts = textwrap::Options::new((width as usize).max(8)).subsequent_indent(indent);
    textwrap::wrap(text, opts)
        .into_iter()
        .map(|l| Line::from(Span::styled(l.into_owned(), style)))
        .collect()
}

/// Lines `lines` take when wrapped to `width` columns.
pub(super) fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = (width as usize).max(1);
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            textwrap::wrap(&text, w).len().max(1) as u16
        })
        .sum()
}

/// A red-bordered "see a doctor" banner at the top of `area`: the `full`
/// text wrapped when it fits in a third of the area (so the screen's own
/// first section stays in view), else the `short` one; returns the area
/// left below.
pub(super) fn doctor_banner(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    full: Vec<Line<'static>>,
    short: Vec<Line<'static>>,
    t: &Theme,
) -> Rect {
    let inner_w = area.width.saturating_sub(2);
    let room = area.height / 3;
    let full_h = wrapped_height(&full, inner_w) + 2;
    let (lines, h) = if full_h <= room {
        (full, full_h)
    } else {
        let h = wrapped_height(&short, inner_w) + 2;
        (short, h.min(room.max(3)))
    };
    let h = h.min(area.height);
    let [banner, rest] = area.layout(&Layout::vertical([
        Constraint::Length(h),
        Constraint::Fill(1),
    ]));
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(t.alarm())
        .title(Span::styled(format!(" {title} "), t.alarm()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .style(t.alarm())
            .wrap(Wrap { trim: true }),
        banner,
    );
    rest
}
