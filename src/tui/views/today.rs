//! The Today screen: meals, stools, intakes, red flags and the plan step on
//! the left; symptoms and the check-in on the right (one column when narrow).

use super::theme::Theme;
use super::{fit, scroll_for};
use crate::content;
use crate::domain::symptom_name;
use crate::tui::state::State;
use crate::tui::today::{
    intake_names, plan_day, rows, severity_of, symptom_ids, taken_today, CheckField, Row, Section,
};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let rows = rows(s);
    let mut area = area;
    if !s.day.red_flags.is_empty() {
        let lines = flag_guidance(s).into_iter().map(Line::from).collect();
        area = super::alarm_banner(frame, area, "See a doctor", lines, t);
    }
    let is_left = |r: &Row| !matches!(r.section(), Section::Symptoms | Section::CheckIn);
    if area.width >= 80 {
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Percentage(52),
            Constraint::Percentage(48),
        ]));
        let left_rows: Vec<(usize, Row)> = rows
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, r)| is_left(r))
            .collect();
        let right_rows: Vec<(usize, Row)> = rows
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, r)| !is_left(r))
            .collect();
        column(frame, left, s, t, &left_rows);
        column(frame, right, s, t, &right_rows);
    } else {
        let all: Vec<(usize, Row)> = rows.iter().copied().enumerate().collect();
        column(frame, area, s, t, &all);
    }
}

fn flag_guidance(s: &State) -> Vec<String> {
    let flags = content::red_flags();
    let mut out: Vec<String> = s
        .day
        .red_flags
        .iter()
        .filter_map(|id| flags.get(id))
        .map(|f| f.guidance.clone())
        .collect();
    out.push(flags.general.clone());
    out
}

fn section_title(sec: Section) -> &'static str {
    match sec {
        Section::Meals => "Meals",
        Section::Symptoms => "Symptoms",
        Section::CheckIn => "Check-in",
        Section::Stools => "Stools",
        Section::Intakes => "Medicines & supplements",
        Section::RedFlags => "Red flags",
        Section::Plan => "7-day plan",
    }
}

fn column(frame: &mut Frame, area: Rect, s: &State, t: &Theme, rows: &[(usize, Row)]) {
    let width = area.width.saturating_sub(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_section = None;
    for (i, row) in rows {
        if last_section != Some(row.section()) {
            if last_section.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::from(Span::styled(
                section_title(row.section()),
                t.heading(),
            )));
            last_section = Some(row.section());
        }
        let selected = *i == s.today.cursor && s.modal.is_none();
        if *i == s.today.cursor {
            selected_line = lines.len();
        }
        let mut line = row_line(s, t, *row, width);
        if selected {
            line = line.patch_style(t.selected());
        }
        lines.push(line);
    }
    let h = area.height as usize;
    let top = scroll_for(selected_line, h, lines.len());
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

fn text_line(text: String, width: usize, style: Style) -> Line<'static> {
    Line::from(Span::styled(fit(&text, width), style))
}

fn row_line(s: &State, t: &Theme, row: Row, width: usize) -> Line<'static> {
    match row {
        Row::NoMeals => text_line(
            " (none yet: a adds a meal, r repeats one)".into(),
            width,
            t.dim(),
        ),
        Row::Meal(i) => {
            let m = &s.day.meals[i];
            let mut text = format!(
                " {} {:<9} {}",
                m.at.format("%H:%M"),
                m.slot.as_str(),
                m.foods.join(", ")
            );
            if !m.tags.is_empty() {
                text.push_str(&format!("  [{}]", m.tags.join(" ")));
            }
            text_line(text, width, Style::new())
        }
        Row::Symptom(i) => {
            let id = &symptom_ids(s)[i];
            let name = fit(&symptom_name(id), 16);
            let (word, style, dots) = match severity_of(s, id) {
                Some(sev) => {
                    let l = sev.level();
                    let dots = "●".repeat(l as usize) + &"○".repeat(3 - l as usize);
                    (sev.word().to_string(), t.severity(l), dots)
                }
                None => ("–".to_string(), t.dim(), "   ".to_string()),
            };
            let mut spans = vec![Span::raw(format!(" {name:<16} "))];
            if s.color {
                spans.push(Span::styled(format!("{dots} "), style));
            }
            spans.push(Span::styled(word, style));
            Line::from(spans)
        }
        Row::CheckIn(f) => {
            let c = s.day.checkin.clone().unwrap_or_default();
            let value = match f {
                CheckField::Mood => c.mood.map(|v| format!("{v}/5")),
                CheckField::Energy => c.energy.map(|v| format!("{v}/5")),
                CheckField::Stress => c.stress.map(|v| format!("{v}/5")),
                CheckField::Sleep => c.sleep_hours.map(|v| format!("{v} h")),
                CheckField::Water => c.water_glasses.map(|v| format!("{v} glasses")),
                CheckField::Movement => c.movement_minutes.map(|v| format!("{v} min")),
                CheckField::Note => c.note.clone(),
            };
            let shown = value.unwrap_or_else(|| "–".into());
            let arrows = if f == CheckField::Note { "" } else { "◂ ▸" };
            text_line(
                format!(" {:<9} {arrows} {shown}", f.label()),
                width,
                Style::new(),
            )
        }
        Row::NoStools => text_line(" (none: a adds one)".into(), width, t.dim()),
        Row::Stool(i) => {
            let st = &s.day.stools[i];
            text_line(
                format!(
                    " {} type {} {}",
                    st.at.format("%H:%M"),
                    st.bristol.kind(),
                    st.bristol.description()
                ),
                width,
                Style::new(),
            )
        }
        Row::NoIntakes => text_line(" (none: a adds one)".into(), width, t.dim()),
        Row::Intake(i) => {
            let name = &intake_names(s)[i];
            let mark = if taken_today(s, name).is_some() {
                "[x]"
            } else {
                "[ ]"
            };
            text_line(format!(" {mark} {name}"), width, Style::new())
        }
        Row::RedFlags => {
            let n = s.day.red_flags.len();
            let (text, style) = match (n, s.today.flags_open) {
                (0, false) => (" none ticked (f or Enter opens)".to_string(), t.dim()),
                (0, true) => (" none ticked (f closes)".to_string(), t.dim()),
                (n, _) => (format!(" {n} ticked: see a doctor"), t.alarm()),
            };
            text_line(text, width, style)
        }
        Row::RedFlag(i) => {
            let f = &content::red_flags().flags[i];
            let ticked = s.day.red_flags.contains(&f.id);
            let mark = if ticked { "[x]" } else { "[ ]" };
            let style = if ticked { t.alarm() } else { Style::new() };
            text_line(format!(" {mark} {}", f.question), width, style)
        }
        Row::PlanStep => {
            let day = plan_day(s).unwrap_or(1);
            let ticked = s.plan.as_ref().is_some_and(|p| p.is_ticked(day));
            let mark = if ticked { "[x]" } else { "[ ]" };
            let title = content::plan()
                .day(day)
                .map(|d| d.title.clone())
                .unwrap_or_default();
            text_line(format!(" {mark} Day {day}: {title}"), width, Style::new())
        }
    }
}
