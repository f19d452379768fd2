//! The report for a clinician, laid out as one self-contained HTML page
//! (inline CSS and SVG, no script, nothing loaded) or as Markdown with the
//! same content. The figures come from `analysis::clinician`; every word
//! from `content/report.json`. Both renderers escape the person's text:
//! HTML through maud, Markdown with `markdown::escape`.

mod charts;
pub mod html;
pub mod markdown;

use crate::analysis::clinician::{
    ClinicianReport, Course, Period, StoolPattern, Trend, TriggerReport,
};
use crate::analysis::{Finding, HabitMeans, Lag};
use crate::content::{self, ReportText};
use chrono::{Datelike, NaiveDate};

/// The output formats of `gutlog report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub const NAMES: [&'static str; 2] = ["html", "markdown"];
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Some(Format::Html),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

pub(crate) fn text() -> &'static ReportText {
    content::report()
}

/// The findings caveat followed by its sources' short labels.
pub(crate) fn cited_caveat(tr: &TriggerReport) -> String {
    format!("{} {}", tr.caveat, content::cite(&tr.caveat_sources))
}

/// The coeliac-testing note with its lead and sources, when a finding
/// leaves out gluten.
pub(crate) fn coeliac_text(tr: &TriggerReport) -> Option<String> {
    let lead = &text().findings.gluten;
    tr.coeliac_first
        .as_ref()
        .map(|n| format!("{lead} {}", n.cited()))
}

/// Each source the findings section cites, once, in full: "[NICE NG20]
/// Title. Publisher, 2015. www.nice.org.uk/guidance/ng20". The address is
/// plain text without its scheme: the page links to and loads nothing.
pub(crate) fn findings_references(tr: &TriggerReport) -> Vec<String> {
    let mut ids: Vec<&String> = Vec::new();
    let coeliac = tr.coeliac_first.iter().flat_map(|n| &n.sources);
    for id in tr.caveat_sources.iter().chain(coeliac) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter().filter_map(|id| reference(id)).collect()
}

/// One source in full, from sources.json: "[NICE NG20] Title. Publisher,
/// 2015. www.nice.org.uk/guidance/ng20" (None for an unknown id).
pub(crate) fn reference(id: &str) -> Option<String> {
    content::sources().get(id).map(|s| {
        let year = s.year.map(|y| format!(", {y}")).unwrap_or_default();
        let address = s.url.trim_start_matches("https://");
        format!(
            "[{}] {}. {}{year}. {address}",
            s.short, s.title, s.publisher
        )
    })
}

/// The stool pattern's thresholds and their source, in full.
pub(crate) fn stool_source() -> String {
    let t = &text().stools;
    format!(
        "{} {}",
        t.source_lead,
        reference(&t.source).unwrap_or_else(|| t.source.clone())
    )
}

/// Replaces each `{key}` in `template` with its value.
pub(crate) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// "3 Sep 2026".
pub(crate) fn date_long(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "3 Sep".
pub(crate) fn date_short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// "3–9 Sep", "28 Sep – 4 Oct", "28 Dec 2025 – 3 Jan 2026"; one date alone
/// when both ends are the same day.
pub(crate) fn date_span(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        date_short(a)
    } else if a.year() != b.year() {
        format!("{} – {}", date_long(a), date_long(b))
    } else if a.month() == b.month() {
        format!("{}–{}", a.day(), date_short(b))
    } else {
        format!("{} – {}", date_short(a), date_short(b))
    }
}

/// "1 Sep – 29 Nov 2026", with the year on the first date only when it differs.
pub(crate) fn period_span(a: NaiveDate, b: NaiveDate) -> String {
    if a.year() == b.year() {
        format!("{} – {}", date_short(a), date_long(b))
    } else {
        format!("{} – {}", date_long(a), date_long(b))
    }
}

/// "1 Sep – 29 Nov 2026 (90 days)".
pub(crate) fn period_text(p: &Period) -> String {
    let start = if p.start.year() == p.end.year() {
        date_short(p.start)
    } else {
        date_long(p.start)
    };
    fill(
        &text().period,
        &[
            ("start", &start),
            ("end", &date_long(p.end)),
            ("days", &p.days.to_string()),
        ],
    )
}

pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), |s| format!("{:.0}%", 100.0 * s))
}

pub(crate) fn one_decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |x| format!("{x:.1}"))
}

pub(crate) fn severity_word(level: u8) -> &'static str {
    content::symptoms().severity_word(level)
}

pub(crate) fn trend_word(t: Trend) -> &'static str {
    let w = &text().symptoms.trends;
    match t {
        Trend::More => &w.more,
        Trend::Less => &w.less,
        Trend::Same => &w.same,
        Trend::Unknown => &w.unknown,
    }
}

pub(crate) fn stool_pattern_text(p: StoolPattern) -> &'static str {
    let w = &text().stools.patterns;
    match p {
        StoolPattern::MostlyLoose => &w.mostly_loose,
        StoolPattern::MostlyHard => &w.mostly_hard,
        StoolPattern::Mixed => &w.mixed,
        StoolPattern::MostlyNormal => &w.mostly_normal,
        StoolPattern::TooFew => &w.too_few,
    }
}

/// The lag's name, as the text report and the Insights screen say it.
pub(crate) fn lag_word(l: Lag) -> &'static str {
    crate::analysis::explain::lag_name(l)
}

/// "likely trigger", "possible helper", …: the same names as everywhere.
pub(crate) fn verdict_word(f: &Finding) -> &'static str {
    crate::analysis::explain::verdict_name(f.verdict, f.direction)
}

/// "dairy", or "pizza (with cheese, dairy)" when other factors came with it
/// on most days.
pub(crate) fn factor_text(f: &Finding) -> String {
    let mut names: Vec<String> = Vec::new();
    for id in &f.together_with {
        let name = id
            .split_once(':')
            .map_or(id.as_str(), |(_, n)| n)
            .replace('_', " ");
        if name != f.factor_label && !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        f.factor_label.clone()
    } else {
        fill(
            &text().findings.together,
            &[("factor", &f.factor_label), ("others", &names.join(", "))],
        )
    }
}

/// "RR 2.10 (1.30–3.40)".
pub(crate) fn rr_text(f: &Finding) -> String {
    format!("{:.2} ({:.2}–{:.2})", f.relative_risk, f.ci_low, f.ci_high)
}

/// Courses as "3–9 Oct (7 d), 22 Oct", at most `max`, then "and N more".
pub(crate) fn courses_text(courses: &[Course], max: usize) -> String {
    let t = &text().medicines;
    let mut parts: Vec<String> = courses
        .iter()
        .take(max)
        .map(|c| {
            if c.start == c.end {
                date_short(c.start)
            } else {
                format!(
                    "{} ({})",
                    date_span(c.start, c.end),
                    fill(&t.course_days, &[("days", &c.days_taken.to_string())])
                )
            }
        })
        .collect();
    if courses.len() > max {
        parts.push(fill(
            &t.more_courses,
            &[("n", &(courses.len() - max).to_string())],
        ));
    }
    parts.join(", ")
}

/// Courses listed in the medicines table before "and N more".
pub(crate) const MAX_COURSES_SHOWN: usize = 4;

/// Red flags grouped by flag in the order first logged, each with its
/// dates: ("Fever", "3 Nov, 12 Nov").
pub(crate) fn red_flag_groups(r: &ClinicianReport) -> Vec<(String, String)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for f in &r.red_flags {
        match groups.iter_mut().find(|(name, _)| *name == f.name) {
            Some((_, dates)) => dates.push(date_short(f.date)),
            None => groups.push((f.name.clone(), vec![date_short(f.date)])),
        }
    }
    groups
        .into_iter()
        .map(|(name, dates)| (name, dates.join(", ")))
        .collect()
}

/// One check-in scale: its label, weekly means and the period's mean.
pub(crate) struct ScaleSeries {
    pub label: &'static str,
    pub weekly: Vec<Option<f64>>,
    pub mean: Option<f64>,
}

/// The six check-in scales, in the report's order.
pub(crate) fn scales(r: &ClinicianReport) -> Vec<ScaleSeries> {
    let s = &text().checkin.scales;
    let series = |label: &'static str, f: fn(&HabitMeans) -> Option<f64>| ScaleSeries {
        label,
        weekly: r.checkin.weekly.iter().map(f).collect(),
        mean: f(&r.checkin.period),
    };
    vec![
        series(&s.mood, |m| m.mood),
        series(&s.energy, |m| m.energy),
        series(&s.stress, |m| m.stress),
        series(&s.sleep_hours, |m| m.sleep_hours),
        series(&s.water_glasses, |m| m.water_glasses),
        series(&s.movement_minutes, |m| m.movement_minutes),
    ]
}
