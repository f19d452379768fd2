//! Experiments on screen: Today's status line, the Plan screen's
//! experiment page (the phases as blocks, the days rated and deviations,
//! the symptom day by day, each phase's counts and the verdict so far),
//! the start form and the result in full. Blocks differ by character as
//! well as colour, so they read the same under NO_COLOR.

use super::overlays::{field_at, popup_rect};
use super::theme::Theme;
use super::{fit, wrapped_height};
use crate::analysis::experiment::{DayMark, ExperimentReport};
use crate::content::{self, fill};
use crate::domain::experiment::Condition;
use crate::tui::action::Action;
use crate::tui::experiment::{ExperimentField, ExperimentForm};
use crate::tui::keymap::{key_for, status_bindings, Context};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

const WITHOUT: char = '─';
const WITH: char = '█';
const WASHOUT: char = '░';
const BASELINE: char = '·';

fn phase_style(t: &Theme, c: Option<Condition>) -> Style {
    match (t.color, c) {
        (false, _) => Style::new(),
        (true, Some(Condition::With)) => Style::new().fg(Color::Magenta),
        (true, Some(Condition::Without)) => Style::new().fg(Color::Cyan),
        (true, None) => Style::new().fg(Color::DarkGray),
    }
}

/// Today's experiment line at the top of `area`, when the edited date is
/// in a running experiment; returns the area left below.
pub fn today_block(frame: &mut Frame, area: Rect, s: &State, t: &Theme) -> Rect {
    let Some(text) = &s.experiment.today_line else {
        return area;
    };
    let title = &content::experiments().today.title;
    let line = Line::from(vec![
        Span::styled(format!("{title}: "), t.heading()),
        Span::raw(text.clone()),
    ]);
    let h = wrapped_height(std::slice::from_ref(&line), area.width)
        .min(2)
        .min(area.height);
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(h),
        Constraint::Fill(1),
    ]));
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), top);
    rest
}

/// Days per column so the timeline fits `width` columns.
fn per_column(days: usize, width: usize) -> usize {
    days.div_ceil(width.max(1)).max(1)
}

/// The timeline rows: phases as blocks, the days rated and deviations,
/// the main symptom's rating, and where today is.
fn timeline(r: &ExperimentReport, width: usize, s: &State, t: &Theme) -> Vec<Line<'static>> {
    let label_w = 10;
    let plan: Vec<(Option<Condition>, bool)> = {
        // The whole planned schedule: days so far from the report, the
        // rest from the phases.
        let mut v: Vec<(Option<Condition>, bool)> =
            (0..r.baseline_days).map(|_| (None, false)).collect();
        for p in &r.phases {
            for d in 0..p.days {
                v.push((Some(p.condition), d < p.washout_days));
            }
        }
        v
    };
    let k = per_column(plan.len(), width.saturating_sub(label_w + 1));
    let cols = plan.len().div_ceil(k);
    let mark_of = |i: usize| -> Option<&DayMark> { r.days.get(i) };
    let mut phases = vec![Span::raw(format!("{:<label_w$}", "Phases"))];
    let mut marks = vec![Span::raw(format!("{:<label_w$}", "Rated"))];
    let main = r
        .symptoms
        .first()
        .map_or_else(String::new, |x| x.name.clone());
    let mut ratings = vec![Span::raw(format!("{:<label_w$}", fit(&main, label_w - 1)))];
    let mut here = vec![Span::raw(" ".repeat(label_w))];
    let today = s.clock.today();
    for c in 0..cols {
        let days = c * k..((c + 1) * k).min(plan.len());
        let (cond, washout) = plan[days.start];
        let ch = match (cond, washout) {
            (None, _) => BASELINE,
            (_, true) => WASHOUT,
            (Some(Condition::With), false) => WITH,
            (Some(Condition::Without), false) => WITHOUT,
        };
        phases.push(Span::styled(ch.to_string(), phase_style(t, cond)));
        let seen: Vec<&DayMark> = days.clone().filter_map(mark_of).collect();
        let (mark, style) = if seen.is_empty() {
            (' ', Style::new())
        } else if seen.iter().any(|m| m.deviation) {
            ('!', t.error())
        } else if seen.iter().all(|m| m.rating.is_some()) {
            ('✓', t.ok())
        } else {
            ('·', t.dim())
        };
        marks.push(Span::styled(mark.to_string(), style));
        let worst = seen.iter().filter_map(|m| m.rating).max();
        ratings.push(match worst {
            Some(l) => Span::styled(l.to_string(), t.severity(l)),
            None => Span::raw(" "),
        });
        let is_today = seen.iter().any(|m| m.date == today);
        here.push(Span::raw(if is_today { "▲" } else { " " }));
    }
    let tt = &content::experiments().tui;
    let legend = fill(
        &tt.legend,
        &[
            ("without", &WITHOUT.to_string()),
            ("with", &WITH.to_string()),
            ("washout", &WASHOUT.to_string()),
            ("baseline", &BASELINE.to_string()),
        ],
    );
    let marks_legend = fill(
        &tt.marks_legend,
        &[("rated", "✓"), ("deviation", "!"), ("unrated", "·")],
    );
    let mut out = vec![Line::from(phases), Line::from(marks), Line::from(ratings)];
    if here.iter().any(|sp| sp.content == "▲") {
        out.push(Line::from(here));
    }
    let unit = if k > 1 {
        format!(" (each column {k} days)")
    } else {
        String::new()
    };
    out.push(Line::from(Span::styled(
        format!("{legend}   {marks_legend}{unit}"),
        t.dim(),
    )));
    out
}

/// The experiment page of the Plan screen.
pub fn page(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let tt = &content::experiments().tui;
    let (Some(e), Some(r)) = (&s.experiment.current, &s.experiment.report) else {
        let start = key_for(Context::Experiment, &Action::StartExperiment);
        let lines = vec![
            Line::from(Span::styled(tt.page_title.clone(), t.heading())),
            Line::raw(fill(&tt.none, &[("start", &start)])),
            Line::raw(""),
            Line::from(Span::styled(
                content::experiments().notes.clinician.cited(),
                t.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    };
    let width = area.width as usize;
    let names: Vec<String> = r.symptoms.iter().map(|x| x.name.to_lowercase()).collect();
    let mut head = vec![
        Line::from(vec![
            Span::styled(
                format!("{} on {}", tt.page_title, r.factor_label),
                t.heading(),
            ),
            Span::raw(format!(
                " for {} · {}{} · {}",
                names.join(", "),
                r.design.as_str().to_uppercase(),
                if r.randomised { ", randomised" } else { "" },
                r.status.as_str().replace('_', " ")
            )),
        ]),
        Line::raw(format!(
            "{} – {} · {} days · {} washout days after each switch",
            r.started_on.format("%a %-d %b"),
            r.ended_on.unwrap_or(r.planned_end).format("%a %-d %b %Y"),
            e.total_days(),
            r.washout_days
        )),
    ];
    if let Some(line) = &s.experiment.today_line {
        head.push(Line::raw(format!("Today: {line}")));
    }
    if !r.red_flags.is_empty() {
        head.push(Line::from(Span::styled(
            tt.red_flag_banner.clone(),
            t.alarm(),
        )));
    }
    let mut lines = head;
    lines.push(Line::raw(""));
    lines.extend(timeline(r, width, s, t));
    lines.push(Line::raw(""));
    for p in &r.phases {
        let sym = p.symptom_days.first().map_or(0, |x| x.days).to_string();
        let text = fill(
            &tt.phase_row,
            &[
                ("n", &p.number.to_string()),
                ("condition", p.condition.as_str()),
                ("start", &p.start.format("%-d %b").to_string()),
                ("end", &p.end.format("%-d %b").to_string()),
                ("so_far", &p.days_so_far.to_string()),
                ("days", &p.days.to_string()),
                ("rated", &p.days_rated.to_string()),
                ("symptom", names.first().map_or("", |n| n.as_str())),
                ("symptom_days", &sym),
                ("deviations", &p.deviations.to_string()),
            ],
        );
        lines.push(Line::from(Span::styled(
            fit(&text, width),
            phase_style(t, Some(p.condition)),
        )));
    }
    lines.push(Line::raw(""));
    if let Some(x) = r.result.symptoms.first() {
        lines.push(Line::from(Span::styled(
            format!("{}: {}", x.name, x.headline),
            t.heading(),
        )));
        lines.push(Line::raw(x.sentence.clone()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The result in full, over the page.
pub fn result(frame: &mut Frame, area: Rect, s: &State, t: &Theme, scroll: u16) {
    let Some(r) = &s.experiment.report else {
        return;
    };
    let tt = &content::experiments().tui;
    let mut lines: Vec<Line> = Vec::new();
    for f in &r.red_flags {
        lines.push(Line::from(Span::styled(
            format!(
                "See a doctor: {} ({}): {}",
                f.name,
                f.date.format("%-d %b"),
                f.guidance
            ),
            t.alarm(),
        )));
    }
    for x in &r.result.symptoms {
        lines.push(Line::from(Span::styled(
            format!("{}: {}", x.name, x.headline),
            t.heading(),
        )));
        lines.push(Line::raw(x.sentence.clone()));
        lines.push(Line::raw(format!("Next: {}", x.next_step)));
        lines.push(Line::raw(""));
    }
    if !r.deviations.is_empty() {
        lines.push(Line::from(Span::styled("Deviations", t.heading())));
        for d in &r.deviations {
            lines.push(Line::raw(format!(
                "{}: {}",
                d.date.format("%a %-d %b"),
                d.what
            )));
        }
        lines.push(Line::raw(""));
    }
    for n in &r.result.notes {
        lines.push(Line::from(Span::styled(n.clone(), t.dim())));
    }
    let title = format!(" {} · {} ", tt.result_title, r.factor_label);
    let rect = popup_rect(area, 84, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(title, t.heading())),
            )
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        rect,
    );
}

/// The start form.
pub fn form(frame: &mut Frame, area: Rect, s: &State, t: &Theme, f: &ExperimentForm) {
    let tt = &content::experiments().tui;
    let label_w: u16 = 16;
    let rect = popup_rect(area, 76, area.height.saturating_sub(2).min(20));
    let inner_w = rect.width.saturating_sub(2);
    // The factor's hint only where every field still fits below it (at
    // 40×12 it would push the last fields out of the popup).
    let hint = Line::from(Span::styled(
        format!("{:w$}{}", "", tt.form_hint_factor, w = label_w as usize),
        t.dim(),
    ));
    let show_hint = f.focus == ExperimentField::Factor
        && wrapped_height(std::slice::from_ref(&hint), inner_w) + ExperimentField::ALL.len() as u16
            <= rect.height.saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    let mut field_rows = Vec::new();
    for field in ExperimentField::ALL {
        let mut label = Span::raw(format!("{:<w$}", field.label(), w = label_w as usize));
        if f.focus == field {
            label = Span::styled(label.content.to_string(), t.heading());
        }
        let value = match field {
            ExperimentField::Design => {
                let d = f.design.as_str().to_uppercase();
                let focused = f.focus == field;
                Span::styled(
                    format!("◂ {d} ▸"),
                    if focused { t.selected() } else { Style::new() },
                )
            }
            ExperimentField::Randomise => Span::styled(
                if f.randomise { "[x]" } else { "[ ]" }.to_string(),
                if f.focus == field {
                    t.selected()
                } else {
                    Style::new()
                },
            ),
            _ => Span::raw(""),
        };
        field_rows.push((field, lines.len()));
        lines.push(Line::from(vec![label, value]));
        if field == ExperimentField::Factor && show_hint {
            lines.push(hint.clone());
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        content::experiments().notes.clinician.cited(),
        t.dim(),
    )));
    let mut hints = Vec::new();
    for h in status_bindings(&s.contexts())
        .into_iter()
        .filter(|h| h.binding.context != Context::Global && h.binding.context != Context::Anywhere)
    {
        hints.push(Span::styled(format!("{} ", h.label()), t.heading()));
        hints.push(Span::raw(format!("{}  ", h.binding.help)));
    }
    lines.push(Line::from(hints));
    let h = (wrapped_height(&lines, inner_w) + 2).min(rect.height);
    let lines_before = lines.clone();
    let rect = popup_rect(area, 76, h);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(format!(" {} ", tt.form_title), t.heading())),
            )
            .wrap(Wrap { trim: false }),
        rect,
    );
    let x = rect.x + 1 + label_w;
    let w = rect.width.saturating_sub(label_w + 3);
    for (field, row) in field_rows {
        // Rows above may wrap (the factor's hint on a narrow screen).
        let y = rect.y + 1 + wrapped_height(&lines_before[..row], inner_w);
        if y + 1 >= rect.bottom() {
            break;
        }
        let tf = match field {
            ExperimentField::Factor => &f.factor,
            ExperimentField::Symptom => &f.symptom,
            ExperimentField::Days => &f.days,
            ExperimentField::Washout => &f.washout,
            ExperimentField::Baseline => &f.baseline,
            _ => continue,
        };
        let width = if matches!(field, ExperimentField::Factor | ExperimentField::Symptom) {
            w
        } else {
            6.min(w)
        };
        field_at(frame, tf, x, y, width, f.focus == field);
    }
}
