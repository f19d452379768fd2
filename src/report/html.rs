//! The report as one self-contained HTML page: inline CSS (with a print
//! stylesheet for A4 and US Letter) and inline SVG charts; no script, and
//! a Content-Security-Policy that forbids loading anything. Every piece of
//! the person's text goes through maud, which escapes it.

use super::charts::{self, Scale};
use super::{
    cited_caveat, coeliac_text, courses_text, date_long, date_short, factor_text, fill,
    findings_references, lag_word, one_decimal, percent, period_span, period_text, red_flag_groups,
    rr_text, scales, severity_word, stool_pattern_text, stool_source, text, trend_word,
    verdict_word, MAX_COURSES_SHOWN,
};
use crate::analysis::clinician::{ClinicianReport, StoolPattern};
use crate::analysis::{AnalysisStatus, Verdict};
use crate::content;
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = include_str!("report.css");
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The whole page.
pub fn render(r: &ClinicianReport) -> String {
    let t = text();
    let period = period_span(r.period.start, r.period.end);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="gutlog";
                title { (t.title) ", " (period) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main.sheet {
                    (header(r))
                    (attention(r))
                    (symptoms(r))
                    (stools(r))
                    (medicines(r))
                    (checkin(r))
                    (findings(r))
                    (experiments(r))
                    (questions(r))
                    (notes(r))
                    footer.foot { p { (t.footer) } }
                }
            }
        }
    }
    .into_string()
}

fn header(r: &ClinicianReport) -> Markup {
    let t = text();
    let p = &r.period;
    html! {
        header.top {
            div.titles {
                h1 { (t.title) }
                p.meta {
                    strong.part { (period_text(p)) }
                    span.sep { " · " }
                    span.part { (fill(&t.logged, &[("logged", &p.days_logged.to_string()), ("days", &p.days.to_string())])) }
                    span.sep { " · " }
                    span.part { (fill(&t.generated, &[("date", &date_long(p.generated_at.date()))])) }
                }
            }
            div.ident {
                div { span.label { (t.name_label) } span.blank {} }
                div { span.label { (t.dob_label) } span.blank {} }
            }
            p.intro { (t.intro) }
        }
    }
}

fn attention(r: &ClinicianReport) -> Markup {
    let t = &text().attention;
    let alert = !r.red_flags.is_empty() || !r.doctor_patterns.is_empty();
    html! {
        section.attention.alert[alert] {
            h2 { (t.heading) }
            @if !alert {
                p { (t.none) }
            }
            @if !r.red_flags.is_empty() {
                p.lead { (t.red_flags) }
                ul.flags {
                    @for (name, dates) in red_flag_groups(r) {
                        li { strong { (name) } ": " (dates) }
                    }
                }
            }
            @if !r.doctor_patterns.is_empty() {
                p.lead { (t.patterns) }
                ul.flags {
                    @for p in &r.doctor_patterns {
                        li { strong { (p.title) } ". " (p.detail) }
                    }
                }
            }
        }
    }
}

fn symptoms(r: &ClinicianReport) -> Markup {
    let t = &text().symptoms;
    html! {
        section.symptoms {
            h2 { (t.heading) }
            @if r.symptoms.is_empty() {
                p { (t.none) }
            } @else {
                table.symptoms {
                    thead {
                        tr {
                            th.name { (t.symptom) }
                            th.num { (t.days) }
                            th.chart { (t.chart) }
                            th { (t.typical) }
                            th { (t.worst) }
                            th { (t.trend) }
                        }
                    }
                    tbody {
                        @for s in &r.symptoms {
                            tr {
                                td.name { (s.name) }
                                td.num { (fill(&t.days_cell, &[
                                    ("present", &s.days_present.to_string()),
                                    ("rated", &s.days_rated.to_string()),
                                ])) }
                                td.chart { (charts::week_bars(&s.name, &s.per_week, &r.days_logged_per_week)) }
                                td { (severity_word(s.typical)) }
                                td { (severity_word(s.worst)) }
                                td { (trend_word(s.trend)) }
                            }
                        }
                        tr.axis {
                            td {} td {}
                            td.chart { (charts::week_axis(&r.weeks)) }
                            td {} td {} td {}
                        }
                    }
                }
            }
            @if !r.symptoms_absent.is_empty() {
                p { (fill(&t.absent, &[("names", &r.symptoms_absent.join(", "))])) }
            }
            p.legend { (t.legend) " " (t.bars) " " (t.trend_note) }
        }
    }
}

fn stools(r: &ClinicianReport) -> Markup {
    let t = &text().stools;
    let s = &r.stools;
    let names: Vec<String> = content::bristol()
        .types
        .iter()
        .map(|b| b.name.clone())
        .collect();
    html! {
        section.stools {
            h2 { (t.heading) }
            @if s.total == 0 {
                p { (t.none) }
            } @else {
                div.cols {
                    figure.bristol {
                        (charts::bristol(&s.by_type, s.total, &names))
                    }
                    div.figures {
                        dl.figures {
                            div { dt { (t.total) } dd { (s.total) } }
                            div { dt { (t.per_day) } dd { (one_decimal(s.per_day)) } }
                            div.hard { dt { (t.hard) } dd { (percent(s.hard_share)) } }
                            div.loose { dt { (t.loose) } dd { (percent(s.loose_share)) } }
                        }
                        p.pattern { (stool_pattern_text(s.pattern)) }
                        @if s.pattern != StoolPattern::TooFew {
                            p.source { (stool_source()) }
                        }
                    }
                }
            }
        }
    }
}

fn medicines(r: &ClinicianReport) -> Markup {
    let t = &text().medicines;
    html! {
        section.medicines {
            h2 { (t.heading) }
            @if r.medicines.is_empty() {
                p { (t.none) }
            } @else {
                table.meds {
                    thead {
                        tr {
                            th.name { (t.name) }
                            th { (t.kind) }
                            th.num { (t.days) }
                            th { (t.courses) }
                        }
                    }
                    tbody {
                        @for m in &r.medicines {
                            tr.highlight[m.highlighted] {
                                td.name {
                                    @if m.highlighted { span.mark { "▲ " } }
                                    (m.name)
                                }
                                td { (m.kind_name) }
                                td.num { (m.days_taken) }
                                td { (courses_text(&m.courses, MAX_COURSES_SHOWN)) }
                            }
                        }
                    }
                }
                @if r.medicines.iter().any(|m| m.highlighted) {
                    p.legend { (t.highlight_note) }
                }
            }
        }
    }
}

fn scale_for(i: usize, values: &[Option<f64>]) -> Scale {
    match i {
        0..=2 => Scale::fixed(1.0, 5.0, &[1.0, 3.0, 5.0]),
        3 => Scale::growing(4.0, 10.0, 2.0, values),
        4 => Scale::growing(0.0, 10.0, 5.0, values),
        _ => Scale::growing(0.0, 60.0, 30.0, values),
    }
}

fn checkin(r: &ClinicianReport) -> Markup {
    let t = &text().checkin;
    html! {
        section.checkin {
            h2 { (t.heading) }
            @if r.checkin.period.days_recorded == 0 {
                p { (t.none) }
            } @else {
                div.scales {
                    @for (i, s) in scales(r).into_iter().enumerate() {
                        figure.scale {
                            figcaption {
                                span.label { (s.label) }
                                span.mean { (fill(&t.period_mean, &[("value", &one_decimal(s.mean))])) }
                            }
                            (charts::weekly_line(s.label, &s.weekly, &r.weeks, &scale_for(i, &s.weekly)))
                        }
                    }
                }
                p.legend {
                    (fill(&t.days_recorded, &[("days", &r.checkin.period.days_recorded.to_string())]))
                    " " (t.legend)
                }
            }
        }
    }
}

fn findings(r: &ClinicianReport) -> Markup {
    let t = &text().findings;
    let tr = &r.triggers;
    let a = &tr.analysis;
    html! {
        section.findings {
            h2 { (t.heading) }
            p { (fill(&t.intro, &[("severity", &crate::analysis::explain::severity_phrase(a.min_severity))])) }
            @if a.status == AnalysisStatus::Ok {
                p.legend { (fill(&t.analysis, &[
                    ("meal_days", &a.meal_days.to_string()),
                    ("window_days", &a.window_days.to_string()),
                    ("tests", &a.tests.to_string()),
                ])) }
            }
            @if tr.findings.is_empty() {
                @if let Some(m) = &a.message { p { (m) } }
            } @else {
                table.findings {
                    thead {
                        tr {
                            th { (t.factor) }
                            th { (t.symptom) }
                            th { (t.lag) }
                            th.num { (t.with) }
                            th.num { (t.without) }
                            th.num { (t.rr) }
                            th { (t.verdict) }
                        }
                    }
                    tbody {
                        @for f in &tr.findings {
                            tr {
                                td { (factor_text(f)) }
                                td { (f.symptom_name) }
                                td { (lag_word(f.lag)) }
                                td.num { (fill(&t.cell, &[("with", &f.exposed_with_symptom.to_string()), ("days", &f.exposed_days.to_string())])) }
                                td.num { (fill(&t.cell, &[("with", &f.unexposed_with_symptom.to_string()), ("days", &f.unexposed_days.to_string())])) }
                                td.num { (rr_text(f)) }
                                td.verdict.strong[f.verdict == Verdict::Likely] { (verdict_word(f)) }
                            }
                        }
                    }
                }
                @if tr.findings_not_shown > 0 {
                    p.legend { (fill(&t.not_shown, &[("n", &tr.findings_not_shown.to_string())])) }
                }
                p.legend {
                    (t.rule)
                    @if let Some(note) = &tr.possible_note { " " (note) }
                }
            }
            p.caveat { (cited_caveat(tr)) }
            @if let Some(c) = coeliac_text(tr) {
                p.coeliac { (c) }
            }
            p.legend { (t.sources) ":" }
            ul.sources {
                @for s in findings_references(tr) { li { (s) } }
            }
        }
    }
}

fn experiments(r: &ClinicianReport) -> Markup {
    html! {
        @if !r.experiments.is_empty() {
            section.experiments {
                h2 { (text().experiments.heading) }
                ul {
                    @for e in &r.experiments {
                        li {
                            strong { (e.title) }
                            " (" (super::date_span(e.start, e.end)) "): "
                            em { (e.verdict) } ". " (e.summary)
                        }
                    }
                }
            }
        }
    }
}

fn questions(r: &ClinicianReport) -> Markup {
    html! {
        @if !r.questions.is_empty() {
            section.questions {
                h2 { (text().questions.heading) }
                ol {
                    @for q in &r.questions { li { (q) } }
                }
            }
        }
    }
}

fn notes(r: &ClinicianReport) -> Markup {
    let t = &text().notes;
    html! {
        @if let Some(n) = r.notes.as_ref().filter(|n| !n.shown.is_empty()) {
            section.notes {
                h2 { (t.heading) }
                @if n.not_shown > 0 {
                    p.legend { (fill(&t.not_shown, &[("n", &n.not_shown.to_string())])) }
                }
                ul.notes {
                    @for e in &n.shown {
                        li {
                            span.when { (date_short(e.at.date())) }
                            span.about { (e.about) }
                            span.text { (e.text) }
                        }
                    }
                }
            }
        }
    }
}
