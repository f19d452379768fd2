//! The Insights screen's charts: symptom days this week against last (a
//! bar chart), mood, energy and sleep over the last 8 weeks (sparklines of
//! the weekly means) and the symptom-burden heatmap (month calendars).
//! All numbers come from the review; here they are only scaled to cells.

use super::calendar::severity_month;
use super::fit;
use super::theme::Theme;
use crate::analysis::{WeekTrend, WeeklyReview};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Sparkline};
use ratatui::Frame;

/// Width of one month calendar with its left border.
pub const MONTH_WIDTH: u16 = 23;
/// Width of the trend column.
pub fn trend_width(area_width: u16) -> u16 {
    if area_width >= 100 {
        32
    } else {
        24
    }
}

/// Lays the charts side by side, dropping the calendar, then the trends,
/// when the screen is too narrow for them.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    r: &WeeklyReview,
    trend: &[WeekTrend],
    week_start: Weekday,
    t: &Theme,
) {
    let tw = trend_width(area.width);
    let months = if area.width >= 34 + tw + MONTH_WIDTH {
        ((area.width - 34 - tw) / MONTH_WIDTH).clamp(1, 3)
    } else {
        0
    };
    let trends = area.width >= 34 + tw;
    let mut cols = vec![Constraint::Fill(1)];
    if trends {
        cols.push(Constraint::Length(tw));
    }
    if months > 0 {
        cols.push(Constraint::Length(months * MONTH_WIDTH));
    }
    let areas = Layout::horizontal(cols).split(area);
    symptom_bars(frame, areas[0], r, t);
    if trends {
        trend_lines(frame, areas[1], trend, t);
    }
    if months > 0 {
        burden_calendar(frame, areas[2], r, months, week_start, t);
    }
}

fn symptom_bars(frame: &mut Frame, area: Rect, r: &WeeklyReview, t: &Theme) {
    let [title, chart] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Line::from(vec![
            Span::styled("Symptom days", t.heading()),
            Span::raw(" this week"),
            Span::styled(" / last", t.dim()),
        ]),
        title,
    );
    if r.symptoms.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "No symptoms rated in these two weeks.",
                t.dim(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            chart,
        );
        return;
    }
    // Two rows a symptom; the review lists the most frequent first.
    let shown = (chart.height / 2) as usize;
    let groups: Vec<BarGroup> = r
        .symptoms
        .iter()
        .take(shown)
        .map(|s| {
            let now = s.this_week.days_present as u64;
            let last = s.previous_week.days_present as u64;
            BarGroup::new([
                Bar::with_label(format!("{:<11} now", fit(&s.name, 11)), now)
                    .text_value(now.to_string())
                    .style(t.heading()),
                Bar::with_label(format!("{:<11} last", ""), last)
                    .text_value(last.to_string())
                    .style(t.dim()),
            ])
        })
        .collect();
    let mut chart_widget = BarChart::default()
        .direction(ratatui::layout::Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .group_gap(0)
        .max(7);
    for g in groups {
        chart_widget = chart_widget.data(g);
    }
    frame.render_widget(chart_widget, chart);
}

/// A trend row: name, the weekly mean it shows, its scale's range, unit.
type Metric = (
    &'static str,
    fn(&WeekTrend) -> Option<f64>,
    f64,
    f64,
    &'static str,
);

/// A weekly mean scaled to a sparkline level 1..=8 over a scale's range.
fn level(v: Option<f64>, lo: f64, hi: f64) -> Option<u64> {
    v.map(|x| (((x - lo) / (hi - lo)).clamp(0.0, 1.0) * 7.0).round() as u64 + 1)
}

fn trend_lines(frame: &mut Frame, area: Rect, trend: &[WeekTrend], t: &Theme) {
    let block = Block::default().borders(Borders::LEFT);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let weeks = trend.len().max(1) as u16;
    // Each week gets one or two columns, as the width allows.
    let per_week = if inner.width >= 8 + 2 * weeks + 5 {
        2
    } else {
        1
    };
    let metrics: [Metric; 3] = [
        ("Mood", |w| w.mood, 1.0, 5.0, "/5"),
        ("Energy", |w| w.energy, 1.0, 5.0, "/5"),
        ("Sleep", |w| w.sleep_hours, 4.0, 10.0, "h"),
    ];
    let gap = if inner.height >= 8 { 1 } else { 0 };
    let mut rows = vec![Constraint::Length(1)];
    for _ in metrics {
        rows.push(Constraint::Length(1 + gap));
    }
    rows.push(Constraint::Fill(1));
    let areas = Layout::vertical(rows).split(inner);
    frame.render_widget(
        Line::from(vec![
            Span::styled("Last 8 weeks", t.heading()),
            Span::styled(" (means)", t.dim()),
        ]),
        areas[0],
    );
    for (i, (name, get, lo, hi, unit)) in metrics.iter().enumerate() {
        let row = areas[i + 1];
        let [label, spark, value] = row.layout(&Layout::horizontal([
            Constraint::Length(7),
            Constraint::Length(weeks * per_week),
            Constraint::Fill(1),
        ]));
        frame.render_widget(Span::raw(*name), label);
        let data: Vec<Option<u64>> = trend
            .iter()
            .flat_map(|w| std::iter::repeat_n(level(get(w), *lo, *hi), per_week as usize))
            .collect();
        frame.render_widget(
            Sparkline::default()
                .data(&data)
                .max(8)
                .absent_value_symbol("·")
                .style(t.heading()),
            Rect { height: 1, ..spark },
        );
        let now = trend.last().and_then(get);
        let text = now.map_or_else(|| " –".to_string(), |v| format!(" {v:.1}{unit}"));
        frame.render_widget(Span::raw(text), value);
    }
    if let (Some(first), Some(last)) = (trend.first(), trend.last()) {
        let span = format!(
            "{} – {}",
            first.week.start.format("%-d %b"),
            last.week.end.format("%-d %b")
        );
        frame.render_widget(
            Paragraph::new(Span::styled(span, t.dim())),
            areas[metrics.len() + 1],
        );
    }
}

/// The first day of the month `n` months before `d`'s.
fn months_back(d: NaiveDate, n: u32) -> NaiveDate {
    let mut m = d.with_day(1).expect("day 1 exists");
    for _ in 0..n {
        m = (m - Duration::days(1)).with_day(1).expect("day 1 exists");
    }
    m
}

fn burden_calendar(
    frame: &mut Frame,
    area: Rect,
    r: &WeeklyReview,
    months: u16,
    week_start: Weekday,
    t: &Theme,
) {
    let [cals, legend] = area.layout(&Layout::vertical([
        Constraint::Length(8),
        Constraint::Fill(1),
    ]));
    let areas =
        Layout::horizontal(vec![Constraint::Length(MONTH_WIDTH); months as usize]).split(cals);
    let levels = || {
        r.daily_burden
            .iter()
            .filter_map(|b| b.worst_severity.map(|w| (b.date, w)))
    };
    for (i, a) in areas.iter().enumerate() {
        let shown = months_back(r.week.end, months as u32 - 1 - i as u32);
        let cal = severity_month(shown, levels(), Some(r.week.end), week_start, t);
        frame.render_widget(cal.block(Block::default().borders(Borders::LEFT)), *a);
    }
    if legend.height > 0 {
        let mut spans = vec![Span::raw(" Worst symptom: ")];
        for (l, word) in [(0, "none"), (1, "mild"), (2, "moderate"), (3, "severe")] {
            spans.push(Span::styled(word, t.severity_bg(l)));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(
            Paragraph::new(Line::from(spans)).wrap(ratatui::widgets::Wrap { trim: true }),
            legend,
        );
    }
}
