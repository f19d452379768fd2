//! The Today screen: meals, stools, medicines, red flags and the plan step
//! on the left; symptoms and the check-in on the right (one column when
//! narrow). A ticked red flag puts the "see a doctor" banner on top, then
//! come the diary's own notes and the reminder about yesterday (`notes.rs`).

use super::theme::Theme;
use super::{fit, scroll_for};
use crate::content::{self, fill, tui_text};
use crate::domain::food::tag_names;
use crate::domain::symptom_name;
use crate::tui::action::Action;
use crate::tui::checkin::CheckField;
use crate::tui::keymap::{key_for, keys_for, Context};
use crate::tui::rows::{Row, Section};
use crate::tui::state::{Modal, State};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let mut area = area;
    if !s.day.red_flags.is_empty() {
        let (full, short) = flag_banner(s);
        area = super::doctor_banner(frame, area, "See a doctor", full, short, t);
    }
    area = super::notes::doctor_notes(frame, area, s, t);
    area = super::notes::yesterday_reminder(frame, area, s, t);
    area = super::experiment::today_block(frame, area, s, t);
    let rows: Vec<(usize, Row)> = s.today.rows.rows.iter().copied().enumerate().collect();
    if s.today.rows.two_columns {
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Percentage(52),
            Constraint::Percentage(48),
        ]));
        let (r, l): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|(_, r)| r.section().on_the_right());
        column(frame, left, s, t, &l);
        column(frame, right, s, t, &r);
    } else {
        column(frame, area, s, t, &rows);
    }
}

/// The banner's full text (each ticked flag's guidance and the general
/// advice) and a one-line version for when that would not fit.
fn flag_banner(s: &State) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let flags = content::red_flags();
    let ticked: Vec<_> = s
        .day
        .red_flags
        .iter()
        .filter_map(|id| flags.get(id))
        .collect();
    let mut full: Vec<Line> = ticked
        .iter()
        .map(|f| Line::raw(format!("{}: {}", f.name, f.guidance)))
        .collect();
    full.push(Line::raw(flags.general.clone()));
    let names: Vec<&str> = ticked.iter().map(|f| f.name.as_str()).collect();
    let open = key_for(Context::Today, &Action::RedFlags);
    let short = vec![Line::raw(fill(
        &tui_text().flags_banner_short,
        &[("flags", &names.join(", ")), ("open", &open)],
    ))];
    (full, short)
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
    let name_w = symptom_name_width(s, width);
    let build = |gaps: bool| {
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        let mut last_section = None;
        for (i, row) in rows {
            if last_section != Some(row.section()) {
                if gaps && last_section.is_some() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::from(Span::styled(
                    section_title(row.section()),
                    t.heading(),
                )));
                last_section = Some(row.section());
            }
            let here = *i == s.today.cursor;
            if here {
                selected_line = lines.len();
            }
            let mut line = row_line(s, t, *row, width, name_w);
            let editing = matches!(&s.modal, Some(Modal::Number(_)));
            if here && (s.modal.is_none() || editing) {
                line = line.patch_style(t.selected());
            }
            lines.push(line);
        }
        (lines, selected_line)
    };
    // Blank lines between sections only while everything fits, so the
    // first section stays in view on a small terminal.
    let h = area.height as usize;
    let (mut lines, mut selected_line) = build(true);
    if lines.len() > h {
        (lines, selected_line) = build(false);
    }
    let top = scroll_for(selected_line, h, lines.len());
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

/// Symptom names are shown whole when the column has room.
fn symptom_name_width(s: &State, width: usize) -> usize {
    let longest = s
        .today
        .rows
        .symptom_ids
        .iter()
        .map(|id| symptom_name(id).width())
        .max()
        .unwrap_or(8);
    longest.min(width.saturating_sub(16)).max(8)
}

fn text_line(text: String, width: usize, style: Style) -> Line<'static> {
    Line::from(Span::styled(fit(&text, width), style))
}

/// Spans cut to `width` columns in total.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
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

fn row_line(s: &State, t: &Theme, row: Row, width: usize, name_w: usize) -> Line<'static> {
    let text = tui_text();
    let today_key = |a: &Action| key_for(Context::Today, a);
    match row {
        Row::NoMeals => text_line(
            format!(
                " {}",
                fill(
                    &text.no_meals_yet,
                    &[
                        ("add", &today_key(&Action::Add)),
                        ("repeat", &today_key(&Action::Repeat))
                    ]
                )
            ),
            width,
            t.dim(),
        ),
        Row::Meal(i) => {
            let m = &s.day.meals[i];
            let mut spans = vec![Span::raw(format!(
                " {} {:<9} ",
                m.at.format("%H:%M"),
                m.slot.as_str()
            ))];
            for (j, f) in m.foods.iter().enumerate() {
                if j > 0 {
                    spans.push(Span::raw(", "));
                }
                spans.push(Span::raw(f.clone()));
                // A food gutlog does not know gets no tags: mark it.
                if s.food_book.is_unknown(f) {
                    spans.push(Span::styled("?", t.error()));
                }
            }
            if !m.tags.is_empty() {
                spans.push(Span::styled(format!("  [{}]", tag_names(&m.tags)), t.dim()));
            }
            fit_spans(spans, width)
        }
        Row::Symptom(i) => {
            let id = s.symptom_id(i).unwrap_or_default();
            let name = fit(&symptom_name(id), name_w);
            let pad = name_w.saturating_sub(name.width());
            let (word, style, dots) = match s.severity_of(id) {
                Some(sev) => {
                    let l = sev.level();
                    let dots = "●".repeat(l as usize) + &"○".repeat(3 - l as usize);
                    (sev.word().to_string(), t.severity(l), dots)
                }
                None => ("–".to_string(), t.dim(), "   ".to_string()),
            };
            let mut spans = vec![Span::raw(format!(" {name}{} ", " ".repeat(pad)))];
            if s.color() {
                spans.push(Span::styled(format!("{dots} "), style));
            }
            spans.push(Span::styled(word, style));
            Line::from(spans)
        }
        Row::CheckIn(f) => {
            let c = s.day.checkin.clone().unwrap_or_default();
            let arrows = if f == CheckField::Note { "" } else { "◂ ▸" };
            let head = format!(" {:<9} {arrows} ", f.label());
            if let Some(Modal::Number(entry)) = &s.modal {
                if entry.field == f {
                    return Line::from(vec![
                        Span::raw(head),
                        Span::styled(
                            format!("{}▏", entry.text.text()),
                            Style::new().add_modifier(Modifier::UNDERLINED),
                        ),
                    ]);
                }
            }
            let shown = f
                .show(&c, s.config.water_unit.value)
                .unwrap_or_else(|| "–".into());
            text_line(format!("{head}{shown}"), width, Style::new())
        }
        Row::NoStools => {
            let add = today_key(&Action::Add);
            let types = keys_for(Context::StoolRow, &Action::Digit(0));
            let line = fill(&text.no_stools, &[("add", &add), ("types", &types)]);
            text_line(format!(" {line}"), width, t.dim())
        }
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
        Row::NoIntakes => {
            let add = today_key(&Action::Add);
            text_line(
                format!(" {}", fill(&text.no_intakes, &[("add", &add)])),
                width,
                t.dim(),
            )
        }
        Row::Intake(i) => {
            let name = &s.today.rows.intake_names[i];
            let line = match s.taken_today(name) {
                Some(taken) => format!(" [x] {name}  {}", taken.at.format("%H:%M")),
                None => format!(" [ ] {name}"),
            };
            text_line(line, width, Style::new())
        }
        Row::RedFlags => {
            let n = s.day.red_flags.len();
            let open = today_key(&Action::RedFlags);
            let (line, style) = if n == 0 {
                (fill(&text.flags_none, &[("open", &open)]), t.dim())
            } else {
                (fill(&text.flags_some, &[("n", &n.to_string())]), t.alarm())
            };
            text_line(format!(" {line}"), width, style)
        }
        Row::PlanStep => {
            let day = s.plan_day().unwrap_or(1);
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
