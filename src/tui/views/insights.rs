//! The Insights screen: the week reviewed and its coverage, a red-flag
//! banner, the charts, and the trigger findings with the selected one's
//! sentence and counts, or an honest "not enough data yet".

use super::theme::Theme;
use super::{doctor_banner, wrapped_height};
use super::{fit, insights_charts};
use crate::analysis::{explain, AnalysisStatus, Finding, Verdict, WeeklyReview};
use crate::content::{self, fill, tui_text};
use crate::tui::action::{Action, Screen};
use crate::tui::keymap::{key_for, Context};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, LineGauge, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let Some(r) = &s.insights.review else {
        let msg = "The review could not be read from the diary.";
        frame.render_widget(Paragraph::new(Span::styled(msg, t.error())), area);
        return;
    };
    let mut rest = area;
    let head = header(r, t);
    let head_h = wrapped_height(&head, rest.width)
        .min(rest.height / 3)
        .max(1);
    let [head_area, below] = rest.layout(&Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), head_area);
    rest = below;
    if !r.red_flags.is_empty() {
        rest = red_flag_banner(frame, rest, r, t);
    }
    rest = super::notes::doctor_notes(frame, rest, s, t);
    // Charts only when the findings keep room for a few rows below them.
    if rest.height >= 16 {
        let h = (rest.height * 2 / 5).clamp(8, 12);
        let [charts, findings_area] = rest.layout(&Layout::vertical([
            Constraint::Length(h),
            Constraint::Fill(1),
        ]));
        let week_start = s.config.first_day_of_week.value;
        insights_charts::draw(frame, charts, r, &s.insights.trend, week_start, t);
        rest = findings_area;
    }
    findings(frame, rest, r, s.insights.cursor, t);
}

fn header(r: &WeeklyReview, t: &Theme) -> Vec<Line<'static>> {
    let c = &r.coverage;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "Week {} – {}",
                r.week.start.format("%a %-d %b"),
                r.week.end.format("%a %-d %b %Y")
            ),
            t.heading(),
        ),
        Span::raw(format!(
            " · logged on {} of {} days",
            c.days_logged, c.days_in_week
        )),
    ])];
    if let Some(m) = &c.message {
        lines.push(Line::from(Span::styled(m.clone(), t.dim())));
    }
    lines
}

/// Draws the red-flag banner at the top of `area`; returns what is left.
fn red_flag_banner(frame: &mut Frame, area: Rect, r: &WeeklyReview, t: &Theme) -> Rect {
    let mut lines = Vec::new();
    for f in &r.red_flags {
        lines.push(Line::from(Span::styled(
            format!("{} {}: {}", f.date.format("%a %-d %b"), f.name, f.guidance),
            t.alarm(),
        )));
    }
    let names: Vec<String> = r
        .red_flags
        .iter()
        .map(|f| format!("{} ({})", f.name, f.date.format("%a %-d")))
        .collect();
    let guide = key_for(Context::Global, &Action::Show(Screen::Guide));
    let short = vec![Line::raw(fill(
        &tui_text().flags_week_short,
        &[("flags", &names.join(", ")), ("guide", &guide)],
    ))];
    doctor_banner(
        frame,
        area,
        "Red flag logged this week: see a doctor",
        lines,
        short,
        t,
    )
}

fn verdict_style(v: Verdict, t: &Theme) -> Style {
    match v {
        Verdict::Likely => t.alarm(),
        Verdict::Helper => t.ok(),
        Verdict::Possible => t.severity(1),
    }
}

fn findings(frame: &mut Frame, area: Rect, r: &WeeklyReview, cursor: usize, t: &Theme) {
    let a = &r.analysis;
    let title = format!(
        " What comes before your symptoms: {} – {}, {} of {} days with meals ",
        a.start.format("%-d %b"),
        a.end.format("%-d %b"),
        a.meal_days,
        a.window_days
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(fit(&title, area.width as usize), t.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if a.status == AnalysisStatus::Insufficient {
        return not_enough_data(frame, inner, r, t);
    }
    if r.findings.is_empty() {
        let mut lines = vec![Line::raw(a.message.clone().unwrap_or_default())];
        if let Some(n) = explain::not_tested(a) {
            lines.push(Line::from(Span::styled(n, t.dim())));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(caveat(r), t.dim())));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    }
    // The table as tall as its rows, leaving the sentence at least 4 lines.
    let detail_min = if inner.height >= 12 {
        4
    } else {
        inner.height / 2
    };
    let table_h = (r.findings.len() as u16 + 1).min(inner.height.saturating_sub(detail_min));
    let [table_area, detail_area] = inner.layout(&Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Fill(1),
    ]));
    let wide = inner.width >= 70;
    let rows: Vec<Row> = r
        .findings
        .iter()
        .map(|f| {
            let factor = factor_label(f);
            let mut cells = vec![
                Cell::from(Span::styled(
                    f.verdict_name.clone(),
                    verdict_style(f.verdict, t),
                )),
                Cell::from(factor),
                Cell::from(f.symptom_name.clone()),
            ];
            if wide {
                cells.push(Cell::from(f.lag_name.clone()));
                cells.push(Cell::from(format!(
                    "{}/{} vs {}/{}",
                    f.exposed_with_symptom,
                    f.exposed_days,
                    f.unexposed_with_symptom,
                    f.unexposed_days
                )));
            }
            cells.push(Cell::from(format!("{:.2}", f.relative_risk)));
            Row::new(cells)
        })
        .collect();
    // The Factor column as wide as its longest label, leaving the rest.
    let fixed: u16 = 8 + 5 + if wide { 8 + 15 } else { 0 } + 6;
    let factor_w = r
        .findings
        .iter()
        .map(|f| factor_label(f).width() as u16)
        .max()
        .unwrap_or(6)
        .max(6)
        .min(inner.width.saturating_sub(fixed + 10));
    // The Symptom column likewise, within what is left.
    let symptom_w = r
        .findings
        .iter()
        .map(|f| f.symptom_name.width() as u16)
        .max()
        .unwrap_or(7)
        .max(7)
        .min(inner.width.saturating_sub(fixed + factor_w).max(7));
    let (titles, widths): (Vec<&str>, Vec<Constraint>) = [
        ("Verdict", Constraint::Length(16), true),
        ("Factor", Constraint::Length(factor_w), true),
        ("Symptom", Constraint::Length(symptom_w), true),
        ("Lag", Constraint::Length(8), wide),
        ("Days with/w-out", Constraint::Length(15), wide),
        ("RR", Constraint::Length(5), true),
    ]
    .into_iter()
    .filter(|c| c.2)
    .map(|c| (c.0, c.1))
    .unzip();
    let table = Table::new(rows, widths)
        .header(Row::new(titles).style(t.heading()))
        .row_highlight_style(t.selected());
    let mut state = TableState::new().with_selected(Some(cursor));
    frame.render_stateful_widget(table, table_area, &mut state);
    if let Some(f) = r.findings.get(cursor) {
        frame.render_widget(detail(f, r, t), detail_area);
    }
}

/// The caveat with the labels of its sources.
fn caveat(r: &WeeklyReview) -> String {
    format!(
        "{} {}",
        r.caveat,
        content::cite(&content::insights().caveat_sources)
    )
}

/// A finding's factor, with how many others came together with it.
fn factor_label(f: &Finding) -> String {
    let mut factor = f.factor_label.clone();
    if !f.together_with.is_empty() {
        factor.push_str(&format!(" (+{})", f.together_with.len()));
    }
    factor
}

/// The selected finding: its sentence, the counts and what the verdict means.
pub(super) fn detail_lines(f: &Finding, r: &WeeklyReview, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(f.explanation.clone(), Style::new())),
        Line::from(Span::styled(
            format!(
                "With {}: {} of {} days · without: {} of {} days · {} · p {} · q {}",
                f.factor_label,
                f.exposed_with_symptom,
                f.exposed_days,
                f.unexposed_with_symptom,
                f.unexposed_days,
                explain::rr_text(f.relative_risk, f.ci_low, f.ci_high, f.rr_from_empty_cell),
                explain::p_text(f.p_value),
                explain::p_text(f.q_value)
            ),
            t.dim(),
        )),
        Line::from(Span::styled(
            explain::verdict_meaning(f.verdict, f.direction),
            verdict_style(f.verdict, t),
        )),
    ];
    for e in r
        .explained
        .iter()
        .filter(|e| e.by == f.factor && e.symptom == f.symptom)
    {
        lines.push(Line::from(Span::styled(e.explanation.clone(), t.dim())));
    }
    if f.verdict == Verdict::Possible {
        lines.push(Line::from(Span::styled(
            explain::chance_note(&r.analysis),
            t.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(caveat(r), t.dim())));
    lines
}

fn detail(f: &Finding, r: &WeeklyReview, t: &Theme) -> Paragraph<'static> {
    Paragraph::new(detail_lines(f, r, t))
        .block(Block::default().borders(Borders::TOP))
        .wrap(Wrap { trim: true })
}

/// Too few days with meals: say what is missing and how many more are needed.
fn not_enough_data(frame: &mut Frame, area: Rect, r: &WeeklyReview, t: &Theme) {
    let a = &r.analysis;
    let [gauge, text] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let ratio = (a.meal_days as f64 / a.needed_meal_days.max(1) as f64).min(1.0);
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .label(format!(
                "Days with meals: {} of {} needed ",
                a.meal_days, a.needed_meal_days
            ))
            .filled_style(t.ok()),
        gauge,
    );
    let lines = vec![
        Line::from(Span::styled(
            a.message.clone().unwrap_or_default(),
            t.heading(),
        )),
        Line::raw(""),
        Line::from(Span::styled(caveat(r), t.dim())),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
}
