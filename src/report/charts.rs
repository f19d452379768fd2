//! The report's inline SVG charts. Coordinates are in tenths of a
//! millimetre: each chart is drawn at its printed size, so text and strokes
//! keep the same size in every chart.

use super::{date_short, percent};
use crate::analysis::weekly::{BristolCount, Week};
use maud::{html, Markup};

/// Width of the symptom week charts, in mm.
pub const WEEK_CHART_MM: u32 = 62;
const WEEK_CHART_H: f64 = 62.0;
const AXIS_H: f64 = 34.0;
const FONT: f64 = 23.0;

fn n(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

fn view(w: f64, h: f64) -> String {
    format!("0 0 {} {}", n(w), n(h))
}

fn mm(units: f64) -> String {
    format!("{}mm", n(units / 10.0))
}

/// Where week `i` of `count` sits: (left edge of its bar, bar width).
fn week_slot(i: usize, count: usize, width: f64) -> (f64, f64) {
    let slot = width / count.max(1) as f64;
    (i as f64 * slot + slot * 0.14, slot * 0.72)
}

/// One symptom's days present per week (0–7), over a grey track of the
/// days logged that week.
pub fn week_bars(name: &str, present: &[u32], logged: &[u32]) -> Markup {
    let w = WEEK_CHART_MM as f64 * 10.0;
    let h = WEEK_CHART_H;
    let y = |days: u32| h - (days.min(7) as f64 / 7.0) * (h - 4.0);
    html! {
        svg.weekbars xmlns="http://www.w3.org/2000/svg" viewBox=(view(w, h))
            width=(mm(w)) height=(mm(h)) role="img" aria-label=(name) {
            @for (i, (&p, &l)) in present.iter().zip(logged).enumerate() {
                @let (x, bw) = week_slot(i, present.len(), w);
                rect.track x=(n(x)) y=(n(y(l))) width=(n(bw)) height=(n(h - y(l))) {}
                @if p > 0 {
                    rect.bar x=(n(x)) y=(n(y(p))) width=(n(bw)) height=(n(h - y(p))) {}
                }
            }
            line.base x1="0" y1=(n(h - 0.5)) x2=(n(w)) y2=(n(h - 0.5)) {}
        }
    }
}

/// Every how many weeks an axis labels a week, so labels never crowd.
fn label_step(count: usize) -> usize {
    count.div_ceil(5).max(1)
}

/// The dates under the symptom week charts: the first day of every few weeks.
pub fn week_axis(weeks: &[Week]) -> Markup {
    let w = WEEK_CHART_MM as f64 * 10.0;
    let step = label_step(weeks.len());
    html! {
        svg.weekaxis xmlns="http://www.w3.org/2000/svg" viewBox=(view(w, AXIS_H))
            width=(mm(w)) height=(mm(AXIS_H)) aria-hidden="true" {
            @for (i, wk) in weeks.iter().enumerate() {
                @if i % step == 0 {
                    @let (x, _) = week_slot(i, weeks.len(), w);
                    line.tick x1=(n(x)) y1="0" x2=(n(x)) y2="8" {}
                    text x=(n(x)) y=(n(8.0 + FONT)) font-size=(n(FONT)) { (date_short(wk.start)) }
                }
            }
        }
    }
}

/// The Bristol distribution as horizontal bars with counts and shares.
pub fn bristol(by_type: &[BristolCount], total: u32, names: &[String]) -> Markup {
    let (w, row, label_w, axis_h) = (880.0, 44.0, 330.0, 40.0);
    let bar_w = 400.0;
    let h = row * by_type.len() as f64 + axis_h;
    let max_share = by_type
        .iter()
        .map(|b| b.count as f64 / total.max(1) as f64)
        .fold(0.0, f64::max);
    // The axis runs to the next quarter above the largest share.
    let top = ((max_share * 4.0).ceil() / 4.0).clamp(0.25, 1.0);
    let x = |share: f64| label_w + share / top * bar_w;
    let ticks: Vec<f64> = (0..=((top * 4.0).round() as u32))
        .map(|q| q as f64 * 0.25)
        .collect();
    let plot_h = row * by_type.len() as f64;
    html! {
        svg.bristol xmlns="http://www.w3.org/2000/svg" viewBox=(view(w, h))
            width=(mm(w)) height=(mm(h)) role="img" {
            @for t in &ticks {
                line.grid x1=(n(x(*t))) y1="0" x2=(n(x(*t))) y2=(n(plot_h)) {}
                text.axis x=(n(x(*t))) y=(n(plot_h + 8.0 + FONT)) font-size=(n(FONT))
                    text-anchor="middle" { (percent(Some(*t))) }
            }
            @for (i, b) in by_type.iter().enumerate() {
                @let y0 = i as f64 * row;
                @let share = b.count as f64 / total.max(1) as f64;
                @let class = match b.kind { 1 | 2 => "bar hard", 6 | 7 => "bar loose", _ => "bar" };
                text x="0" y=(n(y0 + row * 0.68)) font-size=(n(FONT)) {
                    tspan.num { (b.kind) }
                    tspan dx="14" { (names.get(i).map_or("", String::as_str)) }
                }
                @if b.count > 0 {
                    rect class=(class) x=(n(label_w)) y=(n(y0 + row * 0.18))
                        width=(n((x(share) - label_w).max(3.0))) height=(n(row * 0.64)) {}
                }
                text.val x=(n(x(share) + 10.0)) y=(n(y0 + row * 0.68)) font-size=(n(FONT)) {
                    (b.count) " (" (percent(Some(share))) ")"
                }
            }
            line.base x1=(n(label_w)) y1="0" x2=(n(label_w)) y2=(n(plot_h)) {}
        }
    }
}

/// The y range and ticks of a check-in scale; widened to hold the data.
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Scale {
    pub fn fixed(lo: f64, hi: f64, ticks: &[f64]) -> Scale {
        Scale {
            lo,
            hi,
            ticks: ticks.to_vec(),
        }
    }

    /// From `lo` to at least `hi`, stretched in steps of `step` to hold `max`.
    pub fn growing(lo: f64, hi: f64, step: f64, values: &[Option<f64>]) -> Scale {
        let max = values.iter().flatten().copied().fold(hi, f64::max);
        let min = values.iter().flatten().copied().fold(lo, f64::min);
        let hi = (max / step).ceil() * step;
        let lo = (min / step).floor() * step;
        Scale {
            lo,
            hi,
            ticks: vec![lo, (lo + hi) / 2.0, hi],
        }
    }
}

/// One check-in scale's weekly means as a line with dots; gaps where a
/// week recorded nothing.
pub fn weekly_line(label: &str, values: &[Option<f64>], weeks: &[Week], scale: &Scale) -> Markup {
    let (w, h) = (560.0, 205.0);
    let (left, bottom, top) = (52.0, AXIS_H + 5.0, 12.0);
    let right = 24.0;
    let plot_w = w - left - right;
    let plot_h = h - bottom - top;
    let count = values.len().max(1);
    let x = |i: usize| left + (i as f64 + 0.5) * plot_w / count as f64;
    let y = |v: f64| top + (1.0 - (v - scale.lo) / (scale.hi - scale.lo)) * plot_h;
    // Runs of consecutive weeks with a value, drawn as one line each.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => runs.last_mut().expect("one run").push((x(i), y(*v))),
            None => runs.push(Vec::new()),
        }
    }
    let points = |run: &[(f64, f64)]| {
        run.iter()
            .map(|(a, b)| format!("{},{}", n(*a), n(*b)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let step = label_step(weeks.len());
    html! {
        svg.line xmlns="http://www.w3.org/2000/svg" viewBox=(view(w, h))
            width=(mm(w)) height=(mm(h)) role="img" aria-label=(label) {
            @for t in &scale.ticks {
                line.grid x1=(n(left)) y1=(n(y(*t))) x2=(n(w - right)) y2=(n(y(*t))) {}
                text.axis x=(n(left - 8.0)) y=(n(y(*t) + FONT * 0.35)) font-size=(n(FONT))
                    text-anchor="end" { (n(*t)) }
            }
            line.base x1=(n(left)) y1=(n(top + plot_h)) x2=(n(w - right)) y2=(n(top + plot_h)) {}
            @for (i, wk) in weeks.iter().enumerate() {
                @if i % step == 0 {
                    line.tick x1=(n(x(i))) y1=(n(top + plot_h)) x2=(n(x(i))) y2=(n(top + plot_h + 7.0)) {}
                    text.axis x=(n(x(i))) y=(n(top + plot_h + 10.0 + FONT)) font-size=(n(FONT))
                        text-anchor="middle" { (date_short(wk.start)) }
                }
            }
            @for run in &runs {
                @if run.len() > 1 {
                    polyline.series points=(points(run)) {}
                }
                @for (a, b) in run {
                    circle.dot cx=(n(*a)) cy=(n(*b)) r="8" {}
                }
            }
        }
    }
}
