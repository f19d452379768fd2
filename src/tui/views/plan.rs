//! The Plan: progress gauge, the seven days with ticks and dates, the
//! highlighted item's details, and the daily habits for the date.

use super::fit;
use super::theme::Theme;
use crate::content::{self, fill, tui_text};
use crate::domain::habits::{check_day, Kept};
use crate::domain::PLAN_DAYS;
use crate::tui::action::Action;
use crate::tui::keymap::{key_for, Context};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    if s.experiment.page {
        return super::experiment::page(frame, area, s, t);
    }
    let [gauge_area, main] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let ticked = s.plan.as_ref().map_or(0, |p| p.ticks.len());
    let label = match &s.plan {
        Some(p) => format!(
            "Started {} · {ticked}/{PLAN_DAYS} days done ",
            p.started_on.format("%-d %b")
        ),
        None => fill(
            &tui_text().plan_none,
            &[("start", &key_for(Context::Plan, &Action::StartPlan))],
        ),
    };
    let gauge = LineGauge::default()
        .ratio(ticked as f64 / PLAN_DAYS as f64)
        .label(label)
        .filled_style(t.ok());
    frame.render_widget(gauge, gauge_area);

    let narrow = main.width < 80;
    let (left, right) = if narrow {
        let [l, r] = main.layout(&Layout::vertical([
            Constraint::Length(16),
            Constraint::Fill(1),
        ]));
        (l, r)
    } else {
        let [l, r] = main.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        (l, r)
    };
    let width = left.width as usize;
    let today_day = s.plan.as_ref().and_then(|p| p.day_on(s.date));
    let mut lines = vec![Line::from(Span::styled("Seven days", t.heading()))];
    for day in 1..=PLAN_DAYS {
        let info = content::plan().day(day);
        let tick = s
            .plan
            .as_ref()
            .and_then(|p| p.ticks.iter().find(|x| x.day == day));
        let mark = if tick.is_some() { "[x]" } else { "[ ]" };
        let arrow = if today_day == Some(day) { "▶" } else { " " };
        let when = tick
            .map(|x| format!(" ({})", x.done_at.format("%-d %b")))
            .unwrap_or_default();
        let text = format!(
            "{arrow}{mark} {day} {}{when}",
            info.map(|i| i.title.as_str()).unwrap_or("")
        );
        let mut line = Line::raw(fit(&text, width));
        if today_day == Some(day) {
            line = line.patch_style(t.heading());
        }
        if s.plan_ui.cursor == day as usize - 1 && s.modal.is_none() {
            line = line.patch_style(t.selected());
        }
        lines.push(line);
    }
    lines.push(Line::from(Span::styled(
        crate::content::tui_text()
            .plan_habits_heading
            .replace("{date}", &s.date.format("%-d %b").to_string()),
        t.heading(),
    )));
    for (i, h) in check_day(&s.day).iter().enumerate() {
        let (mark, how) = match h.kept {
            Kept::FromData => ("[x]", " (logged)"),
            Kept::ByHand => ("[x]", " (by hand)"),
            Kept::No => ("[ ]", ""),
        };
        let mut line = Line::raw(fit(&format!(" {mark} {}{how}", h.name), width));
        if s.plan_ui.cursor == PLAN_DAYS as usize + i && s.modal.is_none() {
            line = line.patch_style(t.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), left);
    frame.render_widget(details(s, t), right);
}

fn details(s: &State, t: &Theme) -> Paragraph<'static> {
    let c = s.plan_ui.cursor;
    let mut lines: Vec<Line> = Vec::new();
    if c < PLAN_DAYS as usize {
        if let Some(d) = content::plan().day(c as u8 + 1) {
            lines.push(Line::from(Span::styled(
                format!("Day {}: {}", d.day, d.title),
                t.heading(),
            )));
            lines.push(Line::raw(d.action.clone()));
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("Why", t.heading())));
            lines.push(Line::raw(d.why.clone()));
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled("Tips", t.heading())));
            lines.extend(d.tips.iter().map(|tip| Line::raw(format!("• {tip}"))));
            if d.day == PLAN_DAYS {
                lines.push(Line::raw(""));
                let write = key_for(Context::Plan, &Action::Reflect);
                lines.push(Line::from(Span::styled(
                    fill(&tui_text().plan_reflection, &[("write", &write)]),
                    t.heading(),
                )));
                let text = s.plan.as_ref().and_then(|p| p.reflection.clone());
                lines.push(match text {
                    Some(r) => Line::raw(r),
                    None => Line::from(Span::styled("not written yet", t.dim())),
                });
            }
        }
    } else if let Some(h) = content::plan().habits.get(c - PLAN_DAYS as usize) {
        lines.push(Line::from(Span::styled(h.name.clone(), t.heading())));
        lines.push(Line::raw(h.description.clone()));
        lines.push(Line::raw(""));
        let hint = h.hint().unwrap_or_else(|| {
            let tick = key_for(Context::Plan, &Action::Toggle);
            fill(&tui_text().plan_tick_by_hand, &[("tick", &tick)])
        });
        lines.push(Line::styled(hint, Style::new()));
    }
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::LEFT)
                .padding(ratatui::widgets::Padding::horizontal(1)),
        )
        .wrap(Wrap { trim: false })
}
