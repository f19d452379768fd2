//! The report as Markdown, for pasting into a patient-portal message: the
//! same sections and figures as the HTML page, charts as tables of numbers.
//! The person's text goes through `escape`, so it shows as typed and never
//! becomes markup (or HTML, where a portal renders Markdown).

use super::{
    cited_caveat, coeliac_text, courses_text, date_short, factor_text, fill, findings_references,
    lag_word, one_decimal, percent, period_text, red_flag_groups, rr_text, scales, severity_word,
    stool_pattern_text, stool_source, text, trend_word, verdict_word, MAX_COURSES_SHOWN,
};
use crate::analysis::clinician::{ClinicianReport, StoolPattern};
use crate::analysis::AnalysisStatus;
use crate::content;
use std::fmt::Write as _;

/// Text as it was typed: Markdown's punctuation backslash-escaped, line
/// breaks shown as " / " so a note stays inside its list item or cell.
pub fn escape(s: &str) -> String {
    let flat = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, c) in flat.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!'
        ) || (i == 0 && matches!(c, '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. text" at the start would become a list inside the item.
    if let Some(pos) = out.find(['.', ')']) {
        if pos > 0 && out[..pos].chars().all(|c| c.is_ascii_digit()) {
            out.insert(pos, '\\');
        }
    }
    out
}

/// A table row from cells (already escaped where they hold the person's text).
fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

pub fn render(r: &ClinicianReport) -> String {
    let t = text();
    let mut out = String::new();
    let p = &r.period;
    let _ = writeln!(out, "# {}\n", t.title);
    let _ = writeln!(
        out,
        "**{}** · {} · {}\n",
        period_text(p),
        fill(
            &t.logged,
            &[
                ("logged", &p.days_logged.to_string()),
                ("days", &p.days.to_string())
            ]
        ),
        fill(
            &t.generated,
            &[("date", &super::date_long(p.generated_at.date()))]
        )
    );
    let _ = writeln!(out, "*{}*\n", t.intro);
    attention(&mut out, r);
    symptoms(&mut out, r);
    stools(&mut out, r);
    medicines(&mut out, r);
    checkin(&mut out, r);
    findings(&mut out, r);
    extras(&mut out, r);
    let _ = writeln!(out, "---\n\n{}", t.footer);
    out
}

fn attention(out: &mut String, r: &ClinicianReport) {
    let t = &text().attention;
    let _ = writeln!(out, "## {}\n", t.heading);
    if r.red_flags.is_empty() && r.doctor_patterns.is_empty() {
        let _ = writeln!(out, "{}\n", t.none);
    }
    if !r.red_flags.is_empty() {
        let _ = writeln!(out, "**{}**\n", t.red_flags);
        for (name, dates) in red_flag_groups(r) {
            let _ = writeln!(out, "- **{name}**: {dates}");
        }
        out.push('\n');
    }
    if !r.doctor_patterns.is_empty() {
        let _ = writeln!(out, "**{}**\n", t.patterns);
        for p in &r.doctor_patterns {
            let _ = writeln!(out, "- **{}**. {}", escape(&p.title), escape(&p.detail));
        }
        out.push('\n');
    }
}

fn symptoms(out: &mut String, r: &ClinicianReport) {
    let t = &text().symptoms;
    let _ = writeln!(out, "## {}\n", t.heading);
    if r.symptoms.is_empty() {
        let _ = writeln!(out, "{}\n", t.none);
    } else {
        row(
            out,
            &[
                t.symptom.clone(),
                t.days.clone(),
                t.chart.clone(),
                t.typical.clone(),
                t.worst.clone(),
                t.trend.clone(),
            ],
        );
        let _ = writeln!(out, "|---|--:|---|---|---|---|");
        for s in &r.symptoms {
            let weeks: Vec<String> = s.per_week.iter().map(u32::to_string).collect();
            row(
                out,
                &[
                    escape(&s.name),
                    fill(
                        &t.days_cell,
                        &[
                            ("present", &s.days_present.to_string()),
                            ("rated", &s.days_rated.to_string()),
                        ],
                    ),
                    weeks.join(" "),
                    severity_word(s.typical).to_string(),
                    severity_word(s.worst).to_string(),
                    trend_word(s.trend).to_string(),
                ],
            );
        }
        let starts: Vec<String> = r.weeks.iter().map(|w| date_short(w.start)).collect();
        let logged: Vec<String> = r.days_logged_per_week.iter().map(u32::to_string).collect();
        let _ = writeln!(
            out,
            "\n{}\n",
            fill(
                &t.weeks,
                &[("dates", &starts.join(", ")), ("logged", &logged.join(" "))]
            )
        );
    }
    if !r.symptoms_absent.is_empty() {
        let names: Vec<String> = r.symptoms_absent.iter().map(|n| escape(n)).collect();
        let _ = writeln!(
            out,
            "{}\n",
            fill(&t.absent, &[("names", &names.join(", "))])
        );
    }
    let _ = writeln!(out, "*{} {}*\n", t.legend, t.trend_note);
}

fn stools(out: &mut String, r: &ClinicianReport) {
    let t = &text().stools;
    let s = &r.stools;
    let _ = writeln!(out, "## {}\n", t.heading);
    if s.total == 0 {
        let _ = writeln!(out, "{}\n", t.none);
        return;
    }
    let c = &t.columns;
    row(
        out,
        &[
            c.kind.clone(),
            c.form.clone(),
            c.count.clone(),
            c.share.clone(),
        ],
    );
    let _ = writeln!(out, "|---|---|--:|--:|");
    for b in &s.by_type {
        let name = content::bristol()
            .get(b.kind)
            .map_or("", |i| i.name.as_str());
        row(
            out,
            &[
                b.kind.to_string(),
                name.to_string(),
                b.count.to_string(),
                percent(Some(b.count as f64 / s.total as f64)),
            ],
        );
    }
    let _ = writeln!(
        out,
        "\n{}: {} · {}: {} · {}: {} · {}: {}\n",
        t.total,
        s.total,
        t.per_day,
        one_decimal(s.per_day),
        t.hard,
        percent(s.hard_share),
        t.loose,
        percent(s.loose_share)
    );
    let _ = writeln!(out, "{}\n", stool_pattern_text(s.pattern));
    if s.pattern != StoolPattern::TooFew {
        let _ = writeln!(out, "*{}*\n", stool_source());
    }
}

fn medicines(out: &mut String, r: &ClinicianReport) {
    let t = &text().medicines;
    let _ = writeln!(out, "## {}\n", t.heading);
    if r.medicines.is_empty() {
        let _ = writeln!(out, "{}\n", t.none);
        return;
    }
    row(
        out,
        &[
            t.name.clone(),
            t.kind.clone(),
            t.days.clone(),
            t.courses.clone(),
        ],
    );
    let _ = writeln!(out, "|---|---|--:|---|");
    for m in &r.medicines {
        let name = if m.highlighted {
            format!("▲ **{}**", escape(&m.name))
        } else {
            escape(&m.name)
        };
        row(
            out,
            &[
                name,
                m.kind_name.clone(),
                m.days_taken.to_string(),
                courses_text(&m.courses, MAX_COURSES_SHOWN),
            ],
        );
    }
    out.push('\n');
    if r.medicines.iter().any(|m| m.highlighted) {
        let _ = writeln!(out, "*{}*\n", t.highlight_note);
    }
}

fn checkin(out: &mut String, r: &ClinicianReport) {
    let t = &text().checkin;
    let _ = writeln!(out, "## {}\n", t.heading);
    if r.checkin.period.days_recorded == 0 {
        let _ = writeln!(out, "{}\n", t.none);
        return;
    }
    let scales = scales(r);
    let mut head = vec![t.week.clone()];
    head.extend(scales.iter().map(|s| s.label.to_string()));
    row(out, &head);
    let _ = writeln!(out, "|---|{}", "--:|".repeat(scales.len()));
    for (i, w) in r.weeks.iter().enumerate() {
        let mut cells = vec![date_short(w.start)];
        cells.extend(scales.iter().map(|s| one_decimal(s.weekly[i])));
        row(out, &cells);
    }
    let mut cells = vec![format!("**{}**", t.period)];
    cells.extend(
        scales
            .iter()
            .map(|s| format!("**{}**", one_decimal(s.mean))),
    );
    row(out, &cells);
    let _ = writeln!(
        out,
        "\n*{} {}*\n",
        fill(
            &t.days_recorded,
            &[("days", &r.checkin.period.days_recorded.to_string())]
        ),
        t.legend
    );
}

fn findings(out: &mut String, r: &ClinicianReport) {
    let t = &text().findings;
    let tr = &r.triggers;
    let a = &tr.analysis;
    let _ = writeln!(out, "## {}\n", t.heading);
    let _ = writeln!(
        out,
        "{}\n",
        fill(
            &t.intro,
            &[(
                "severity",
                &crate::analysis::explain::severity_phrase(a.min_severity)
            )]
        )
    );
    if a.status == AnalysisStatus::Ok {
        let _ = writeln!(
            out,
            "{}\n",
            fill(
                &t.analysis,
                &[
                    ("meal_days", &a.meal_days.to_string()),
                    ("window_days", &a.window_days.to_string()),
                    ("tests", &a.tests.to_string()),
                ]
            )
        );
    }
    if tr.findings.is_empty() {
        if let Some(m) = &a.message {
            let _ = writeln!(out, "{m}\n");
        }
    } else {
        row(
            out,
            &[
                t.factor.clone(),
                t.symptom.clone(),
                t.lag.clone(),
                t.with.clone(),
                t.without.clone(),
                t.rr.clone(),
                t.verdict.clone(),
            ],
        );
        let _ = writeln!(out, "|---|---|---|--:|--:|--:|---|");
        for f in &tr.findings {
            let cell = |with: u32, days: u32| {
                fill(
                    &t.cell,
                    &[("with", &with.to_string()), ("days", &days.to_string())],
                )
            };
            row(
                out,
                &[
                    escape(&factor_text(f)),
                    escape(&f.symptom_name),
                    lag_word(f.lag).to_string(),
                    cell(f.exposed_with_symptom, f.exposed_days),
                    cell(f.unexposed_with_symptom, f.unexposed_days),
                    rr_text(f),
                    verdict_word(f).to_string(),
                ],
            );
        }
        out.push('\n');
        if tr.findings_not_shown > 0 {
            let _ = writeln!(
                out,
                "{}\n",
                fill(&t.not_shown, &[("n", &tr.findings_not_shown.to_string())])
            );
        }
        let _ = write!(out, "*{}", t.rule);
        if let Some(note) = &tr.possible_note {
            let _ = write!(out, " {note}");
        }
        out.push_str("*\n\n");
    }
    let _ = writeln!(out, "*{}*\n", cited_caveat(tr));
    if let Some(c) = coeliac_text(tr) {
        let _ = writeln!(out, "**{}**\n", c);
    }
    let _ = writeln!(out, "{}:\n", t.sources);
    for s in findings_references(tr) {
        let _ = writeln!(out, "- {}", s);
    }
    out.push('\n');
}

fn extras(out: &mut String, r: &ClinicianReport) {
    let t = text();
    if !r.experiments.is_empty() {
        let _ = writeln!(out, "## {}\n", t.experiments.heading);
        for e in &r.experiments {
            let _ = writeln!(
                out,
                "- **{}** ({}): *{}*. {}",
                escape(&e.title),
                super::date_span(e.start, e.end),
                escape(&e.verdict),
                escape(&e.summary)
            );
        }
        out.push('\n');
    }
    if !r.questions.is_empty() {
        let _ = writeln!(out, "## {}\n", t.questions.heading);
        for (i, q) in r.questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, escape(q));
        }
        out.push('\n');
    }
    if let Some(n) = r.notes.as_ref().filter(|n| !n.shown.is_empty()) {
        let _ = writeln!(out, "## {}\n", t.notes.heading);
        if n.not_shown > 0 {
            let _ = writeln!(
                out,
                "*{}*\n",
                fill(&t.notes.not_shown, &[("n", &n.not_shown.to_string())])
            );
        }
        for e in &n.shown {
            let _ = writeln!(
                out,
                "- {} · {}: {}",
                date_short(e.at.date()),
                escape(&e.about),
                escape(&e.text)
            );
        }
        out.push('\n');
    }
}
