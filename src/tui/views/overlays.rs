//! Overlays drawn over a screen: the forms, text prompts, the repeat-meal
//! picker, a finding in full, confirmation, the welcome, and help (from
//! the key table) over everything; the red-flag questions and the profile
//! form are in `red_flags.rs`.

use super::theme::Theme;
use super::wrapped_height;
use super::{centered, fit};
use crate::content::{self, fill, tui_text};
use crate::tui::action::Action;
use crate::tui::field::TextField;
use crate::tui::forms::{IntakeField, StoolField, StoolForm};
use crate::tui::help::{self, HelpLine};
use crate::tui::keymap::{key_for, keys_label, status_bindings, Context};
use crate::tui::state::{Modal, State};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    if let Some(modal) = &s.modal {
        draw_modal(frame, area, s, t, modal);
    }
    if let Some(h) = &s.help {
        help_overlay(frame, area, s, t, h.scroll);
    }
}

fn draw_modal(frame: &mut Frame, area: Rect, s: &State, t: &Theme, modal: &Modal) {
    match modal {
        Modal::Welcome => welcome(frame, area, s, t),
        Modal::Confirm { question, .. } => {
            // A question may have paragraphs; it is shown whole (up to
            // the screen's height).
            let mut lines: Vec<Line<'static>> = question
                .split('\n')
                .map(|l| Line::raw(l.to_string()))
                .collect();
            lines.push(Line::raw(""));
            lines.push(hints(s, t));
            let max_h = area.height.saturating_sub(2).max(9);
            popup_fit(frame, area, " Are you sure? ", lines, 60, max_h, t);
        }
        Modal::Meal(form) => super::meal_form::draw(frame, area, s, t, form),
        Modal::Stool(form) => stool(frame, area, t, form),
        Modal::Intake(form) => {
            let r = popup_rect(area, 60, 5);
            let lines = vec![
                Line::raw("Name"),
                Line::from(Span::styled(
                    fill(&tui_text().kind_label, &[("kind", form.kind().as_str())]),
                    t.dim(),
                )),
                Line::raw("Time"),
            ];
            popup(
                frame,
                area,
                " Add a medicine or supplement ",
                lines,
                60,
                5,
                t,
            );
            let w = r.width.saturating_sub(8);
            field_at(
                frame,
                &form.name,
                r.x + 7,
                r.y + 1,
                w,
                form.focus == IntakeField::Name,
            );
            field_at(
                frame,
                &form.time,
                r.x + 7,
                r.y + 3,
                8,
                form.focus == IntakeField::Time,
            );
        }
        Modal::Prompt(p) => {
            let r = popup_rect(area, 70, 3);
            popup(
                frame,
                area,
                &format!(" {} ", p.purpose.title()),
                vec![],
                70,
                3,
                t,
            );
            field_at(
                frame,
                &p.field,
                r.x + 1,
                r.y + 1,
                r.width.saturating_sub(2),
                true,
            );
        }
        Modal::Repeat { cursor } => repeat(frame, area, s, t, *cursor),
        Modal::RedFlags { cursor } => super::red_flags::questions(frame, area, s, t, *cursor),
        Modal::Profile(form) => super::red_flags::profile_form(frame, area, t, form),
        Modal::Finding { scroll } => finding(frame, area, s, t, *scroll),
        Modal::Experiment(form) => super::experiment::form(frame, area, s, t, form),
        Modal::ExperimentResult { scroll } => super::experiment::result(frame, area, s, t, *scroll),
        // Drawn in place: on the check-in row, and in the status line.
        Modal::Number(_) | Modal::Jump(_) => {}
    }
}

/// The keys that work in this overlay, from the key table.
fn hints(s: &State, t: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for h in status_bindings(&s.contexts())
        .into_iter()
        .filter(|h| h.binding.context != Context::Global)
    {
        spans.push(Span::styled(format!("{} ", h.label()), t.heading()));
        spans.push(Span::raw(format!("{}  ", h.binding.help)));
    }
    Line::from(spans)
}

pub(super) fn popup_rect(area: Rect, w: u16, h: u16) -> Rect {
    centered(area, w.min(area.width.saturating_sub(2)).max(10), h)
}

/// A popup just tall enough for its text (at most `h`).
fn popup_fit(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    w: u16,
    h: u16,
    t: &Theme,
) {
    let width = popup_rect(area, w, h).width;
    let h = h.min(wrapped_height(&lines, width.saturating_sub(2)) + 2);
    popup(frame, area, title, lines, w, h, t);
}

pub(super) fn popup(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    w: u16,
    h: u16,
    t: &Theme,
) {
    let r = popup_rect(area, w, h);
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title.to_string(), t.heading()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}

/// Draws a text field at (x, y) and, when focused, puts the cursor in it.
/// An offered value (typing replaces it) is shown selected.
pub(super) fn field_at(
    frame: &mut Frame,
    f: &TextField,
    x: u16,
    y: u16,
    width: u16,
    focused: bool,
) {
    let area = frame.area();
    if width == 0 || y >= area.bottom() || x >= area.right() {
        return;
    }
    let width = width.min(area.right() - x);
    let (shown, col) = f.visible(width.saturating_sub(1) as usize);
    let style = if focused && f.is_selected() {
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    } else if focused {
        Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        Style::new()
    };
    frame.render_widget(
        Paragraph::new(Span::styled(shown, style)),
        Rect {
            x,
            y,
            width,
            height: 1,
        },
    );
    if focused {
        frame.set_cursor_position(Position::new(x + (col as u16).min(width - 1), y));
    }
}

fn help_overlay(frame: &mut Frame, area: Rect, s: &State, t: &Theme, scroll: u16) {
    let lines: Vec<Line> = help::lines(s)
        .into_iter()
        .map(|l| match l {
            HelpLine::Title(ctx) => Line::from(Span::styled(ctx.title(), t.heading())),
            HelpLine::Key(b) => Line::from(vec![
                Span::styled(format!("  {:<16}", keys_label(b)), t.heading()),
                Span::raw(b.help),
            ]),
            HelpLine::Blank => Line::raw(""),
        })
        .collect();
    let page = help::page_height(s.size).max(1);
    let pages = (lines.len() as u16).div_ceil(page).max(1);
    let max = (lines.len() as u16).saturating_sub(page);
    let scroll = scroll.min(max);
    let at_page = (scroll.div_ceil(page) + 1).min(pages);
    let title = fill(
        &tui_text().help_title,
        &[
            ("page", &at_page.to_string()),
            ("pages", &pages.to_string()),
            ("next", &key_for(Context::Help, &Action::PageDown)),
            ("close", &key_for(Context::Help, &Action::Close)),
        ],
    );
    let r = centered(area, 72, area.height.saturating_sub(2));
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.heading()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), r);
}

fn welcome(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let app = content::app_text();
    let lines = vec![
        Line::raw(app.welcome.clone()),
        Line::raw(""),
        Line::raw(app.privacy.clone()),
        Line::from(Span::styled(format!("Diary: {}", s.db_path), t.dim())),
        Line::raw(""),
        hints(s, t),
    ];
    popup_fit(frame, area, " Welcome to gutlog ", lines, 72, 20, t);
}

fn stool(frame: &mut Frame, area: Rect, t: &Theme, form: &StoolForm) {
    let r = popup_rect(area, 76, 12);
    let mut lines = vec![Line::raw("Time")];
    for b in &content::bristol().types {
        let text = format!(" {} {}: {}", b.kind, b.name, b.description);
        let mut l = Line::raw(fit(&text, r.width.saturating_sub(2) as usize));
        if b.kind == form.bristol {
            l = if form.focus == StoolField::Type {
                l.patch_style(t.selected())
            } else {
                l.patch_style(t.heading())
            };
        }
        lines.push(l);
    }
    if let Some(b) = content::bristol().get(form.bristol) {
        lines.push(Line::from(Span::styled(
            fit(&b.meaning, r.width.saturating_sub(2) as usize),
            t.dim(),
        )));
    }
    let title = format!(" Add a stool ({}) ", form.date.format("%a %-d %b"));
    popup(frame, area, &title, lines, 76, 11, t);
    let r = popup_rect(area, 76, 11);
    field_at(
        frame,
        &form.time,
        r.x + 6,
        r.y + 1,
        9,
        form.focus == StoolField::Time,
    );
}

fn repeat(frame: &mut Frame, area: Rect, s: &State, t: &Theme, cursor: usize) {
    let mut lines: Vec<Line> = Vec::new();
    if s.recent_meals.is_empty() {
        lines.push(Line::from(Span::styled(
            "No meals in the last 14 days.",
            t.dim(),
        )));
    }
    let r = popup_rect(area, 76, 16);
    let inner_h = r.height.saturating_sub(2) as usize;
    let top = super::scroll_for(cursor, inner_h, s.recent_meals.len());
    for (i, m) in s.recent_meals.iter().enumerate().skip(top).take(inner_h) {
        let text = format!(
            "{} {:<9} {}",
            m.at.format("%a %d %b"),
            m.slot.as_str(),
            m.foods.join(", ")
        );
        let mut l = Line::raw(fit(&text, r.width.saturating_sub(2) as usize));
        if i == cursor {
            l = l.patch_style(t.selected());
        }
        lines.push(l);
    }
    popup(frame, area, " Repeat a recent meal ", lines, 76, 16, t);
}

fn finding(frame: &mut Frame, area: Rect, s: &State, t: &Theme, scroll: u16) {
    let Some(r) = &s.insights.review else { return };
    let Some(f) = r.findings.get(s.insights.cursor) else {
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(f.verdict.as_str().to_string(), t.heading()),
        Span::raw(format!(" · {} · {}", f.factor_label, f.symptom_name)),
    ])];
    lines.extend(super::insights::detail_lines(f, r, t));
    // A finished experiment on the same pair: its verdict beside the finding.
    let factors: Vec<String> = std::iter::once(&f.factor)
        .chain(&f.together_with)
        .cloned()
        .collect();
    if let Some(x) =
        crate::analysis::experiment::result_for(&s.experiment.results, &factors, &f.symptom)
    {
        lines.push(Line::from(Span::styled(x.line.clone(), t.heading())));
    }
    let title = fill(
        &tui_text().finding_title,
        &[
            ("n", &(s.insights.cursor + 1).to_string()),
            ("total", &r.findings.len().to_string()),
        ],
    );
    let rect = popup_rect(area, 80, area.height.saturating_sub(2));
    let spaced: Vec<Line> = lines.into_iter().flat_map(|l| [l, Line::raw("")]).collect();
    let h = (wrapped_height(&spaced, rect.width.saturating_sub(2)) + 2).min(rect.height);
    let rect = popup_rect(area, 80, h);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.heading()));
    frame.render_widget(
        Paragraph::new(spaced)
            .block(block)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        rect,
    );
}
