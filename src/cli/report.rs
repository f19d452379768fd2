//! `gutlog report`: the weekly review and trigger findings, as text or JSON.

use super::{open_store, render};
use crate::analysis::{
    explain, weekly_review, AnalysisStatus, Finding, HabitMeans, ReviewParams, SymptomStats,
    Verdict, WeeklyReview,
};
use crate::config::Config;
use crate::domain::time::parse_date;
use crate::domain::water::WaterUnit;
use crate::domain::{Clock, InputError};
use clap::Args;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Last day of the week to review (DATE) [default: today]
    #[arg(long, value_name = "DATE")]
    week_ending: Option<String>,
    /// Days of history the trigger analysis looks at, ending on the week's last day [default: 56, or report.history_days in the config]
    #[arg(long, value_name = "N")]
    history_days: Option<String>,
    /// Lowest rating that counts as having a symptom: 1 mild, 2 moderate, 3 severe [default: 2, or report.min_severity in the config]
    #[arg(long, value_name = "N")]
    min_severity: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    doc: super::doc_report::DocArgs,
}

fn number(flag: &str, value: Option<&str>, default: i64) -> Result<i64, InputError> {
    match value {
        None => Ok(default),
        Some(s) => s
            .trim()
            .parse()
            .map_err(|_| InputError::new(format!("{flag} '{s}' is not a whole number"))),
    }
}

/// Flags beat the config, which holds the defaults it did not change.
fn params(args: &ReportArgs, clock: &Clock, config: &Config) -> Result<ReviewParams, InputError> {
    let week_end = match &args.week_ending {
        Some(d) => parse_date(d, clock).map_err(|e| e.in_field("--week-ending"))?,
        None => clock.today(),
    };
    if week_end > clock.today() {
        return Err(InputError::new(format!(
            "--week-ending {week_end} is in the future; use today or an earlier date"
        )));
    }
    ReviewParams::checked(
        week_end,
        number(
            "--history-days",
            args.history_days.as_deref(),
            config.history_days.value as i64,
        )?,
        number(
            "--min-severity",
            args.min_severity.as_deref(),
            config.min_severity.value as i64,
        )?,
    )
}

pub fn report(db: &Path, clock: &Clock, args: ReportArgs, config: &Config) -> anyhow::Result<()> {
    if args.doc.format.is_some() {
        return doc_report(db, clock, &args, config);
    }
    if let Some(flag) = args.doc.stray_flag() {
        return Err(InputError::new(format!(
            "{flag} goes with --format html or --format markdown (the report for your doctor)"
        ))
        .into());
    }
    let params = params(&args, clock, config)?;
    let store = open_store(db, clock)?;
    let (from, to) = params.dates_needed();
    let diary = store.diary(from, to)?;
    let review = weekly_review(&diary, &params);
    let notes = super::show::doctor_notes(&store, params.week_end)?;
    let coeliac = coeliac_note(&review, &store.food_book()?);
    let pairs: Vec<(Vec<String>, String)> = review
        .findings
        .iter()
        .map(|f| {
            let mut factors = vec![f.factor.clone()];
            factors.extend(f.together_with.iter().cloned());
            (factors, f.symptom.clone())
        })
        .collect();
    let experiments = super::experiment::ReportLinks::new(&store, &pairs, clock.today())?;
    if args.json {
        let mut v = serde_json::to_value(&review)?;
        v["doctor_notes"] = serde_json::to_value(&notes)?;
        v["coeliac_first"] = serde_json::to_value(coeliac)?;
        v["experiments"] = serde_json::to_value(&experiments)?;
        println!("{}", crate::exchange::to_json_text(&v)?);
    } else {
        print!("{}", render::doctor_notes_text(&notes));
        print!("{}", text(&review, config.water_unit.value));
        if let Some(n) = coeliac {
            out_coeliac(n);
        }
        print!("{}", experiments.text());
    }
    Ok(())
}

/// The report for a doctor: its period ends on `--week-ending`, and
/// `--min-severity` sets its trigger analysis's threshold.
fn doc_report(db: &Path, clock: &Clock, args: &ReportArgs, config: &Config) -> anyhow::Result<()> {
    for (set, flag) in [
        (args.json, "--json"),
        (args.history_days.is_some(), "--history-days"),
    ] {
        if set {
            return Err(InputError::new(format!(
                "{flag} does not go with --format; the report's analysis covers its --days"
            ))
            .into());
        }
    }
    let p = params(args, clock, config)?;
    super::doc_report::run(db, clock, p.week_end, p.min_severity as i64, &args.doc)
}

/// The coeliac-testing note, when leaving out a finding's factor (or one
/// found together with it) would leave out gluten: by the one rule
/// experiments use (`Factor::leaves_out_gluten`: gluten, a food with it,
/// fructans, high FODMAP). Leaving gluten out first makes a coeliac test
/// unreliable.
fn coeliac_note(
    review: &WeeklyReview,
    book: &crate::domain::food::FoodBook,
) -> Option<&'static crate::content::Note> {
    review
        .findings
        .iter()
        .any(|f| f.leaves_out_gluten(book))
        .then(|| &crate::content::notes().coeliac_first)
}

fn out_coeliac(n: &crate::content::Note) {
    println!("\nLeaving out a suspect above would also leave out gluten:");
    println!("{}", render::wrap(&n.cited(), "  "));
}

/// "1 comparison", "3 comparisons"; "1 pair with", "2 pairs with".
fn plural(n: u32, word: &str) -> String {
    match word.split_once(' ') {
        _ if n == 1 => format!("{n} {word}"),
        Some((head, tail)) => format!("{n} {head}s {tail}"),
        None => format!("{n} {word}s"),
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"))
}

fn symptom_cell(s: &SymptomStats) -> String {
    match s.worst_severity {
        None if s.days_rated == 0 => "not rated".into(),
        None => "0 days".into(),
        Some(w) => format!(
            "{} day{}, mean {}, worst {w}",
            s.days_present,
            if s.days_present == 1 { "" } else { "s" },
            num(s.mean_severity)
        ),
    }
}

fn finding_line(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "  {:<16} {} · {} · {}",
        f.verdict_name.to_uppercase(),
        f.factor,
        f.symptom_name,
        f.lag_name
    );
    out.push_str(&render::wrap(&f.explanation, "           "));
    out.push('\n');
    let numbers = format!(
        "{}, p {}, q {}",
        explain::rr_text(f.relative_risk, f.ci_low, f.ci_high, f.rr_from_empty_cell),
        p_eq(f.p_value),
        p_eq(f.q_value)
    );
    out.push_str(&render::wrap(&numbers, "           "));
    out.push('\n');
}

/// "= 0.012" or "< 0.001".
fn p_eq(p: f64) -> String {
    let t = explain::p_text(p);
    if t.starts_with('<') {
        t
    } else {
        format!("= {t}")
    }
}

/// The review as readable text, water in the person's unit.
pub fn text(r: &WeeklyReview, water: WaterUnit) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Weekly review: {} – {}",
        r.week.start.format("%a %-d %b"),
        r.week.end.format("%a %-d %b %Y")
    );
    let _ = writeln!(
        out,
        "Logged on {} of {} days.",
        r.coverage.days_logged, r.coverage.days_in_week
    );
    if let Some(m) = &r.coverage.message {
        out.push_str(&render::wrap(m, ""));
        out.push('\n');
    }
    if !r.red_flags.is_empty() {
        out.push_str("\nRed flags this week: see a doctor\n");
        for f in &r.red_flags {
            let _ = writeln!(out, "  ! {} {}", f.date, f.name);
            out.push_str(&render::wrap(&f.guidance, "    "));
            out.push('\n');
        }
    }
    out.push_str("\nSymptoms (days present this week; last week)\n");
    if r.symptoms.is_empty() {
        out.push_str("  No symptoms rated in these two weeks.\n");
    }
    for s in &r.symptoms {
        let _ = writeln!(
            out,
            "  {:<22} {:<32} last week: {}",
            s.name,
            symptom_cell(&s.this_week),
            symptom_cell(&s.previous_week)
        );
    }
    out.push_str("\nCheck-in (weekly mean; last week)\n");
    let (a, b): (&HabitMeans, &HabitMeans) = (&r.habits.this_week, &r.habits.previous_week);
    let water_label = format!("Water ({})", water.as_str());
    let in_unit = |v: Option<f64>| v.map(|g| water.from_glasses(g));
    for (name, x, y) in [
        ("Mood (1–5)", a.mood, b.mood),
        ("Energy (1–5)", a.energy, b.energy),
        ("Stress (1–5)", a.stress, b.stress),
        ("Sleep (h)", a.sleep_hours, b.sleep_hours),
        (
            water_label.as_str(),
            in_unit(a.water_glasses),
            in_unit(b.water_glasses),
        ),
        ("Movement (min)", a.movement_minutes, b.movement_minutes),
    ] {
        let _ = writeln!(out, "  {name:<16} {:>6}   {:>6}", num(x), num(y));
    }
    let st = &r.stools;
    let types: Vec<String> = st
        .by_type
        .iter()
        .map(|b| format!("{}:{}", b.kind, b.count))
        .collect();
    let _ = writeln!(
        out,
        "\nStools: {} this week (last week {}). By Bristol type {}.\n  Days with hard stools (type 1–2): {}; with loose stools (type 6–7): {}.",
        st.total,
        st.previous_week_total,
        types.join(" "),
        st.days_hard,
        st.days_loose
    );
    out.push_str("\nPlan\n");
    for s in &r.plan.steps_ticked {
        let _ = writeln!(out, "  [x] Day {} {} ({})", s.day, s.title, s.done_on);
    }
    if r.plan.steps_ticked.is_empty() {
        out.push_str("  No plan steps ticked this week.\n");
    }
    out.push_str("  Daily habits kept:\n");
    for h in &r.plan.habits {
        let _ = writeln!(out, "    {:<26} {}/7 days", h.name, h.days_kept);
    }
    let a = &r.analysis;
    let _ = writeln!(
        out,
        "\nWhat comes before your symptoms ({} – {}: {} of {} days with meals; {})",
        a.start,
        a.end,
        a.meal_days,
        a.window_days,
        explain::severity_phrase(a.min_severity)
    );
    if a.status == AnalysisStatus::Insufficient || r.findings.is_empty() {
        if let Some(m) = &a.message {
            out.push_str(&render::wrap(m, "  "));
            out.push('\n');
        }
    }
    for f in &r.findings {
        finding_line(&mut out, f);
    }
    if r.findings.iter().any(|f| f.verdict == Verdict::Possible) {
        out.push_str(&render::wrap(&explain::chance_note(a), "  "));
        out.push('\n');
    }
    if !r.explained.is_empty() {
        out.push_str("  Explained by another factor:\n");
        for e in &r.explained {
            out.push_str(&render::wrap(&e.explanation, "    "));
            out.push('\n');
        }
    }
    if a.status == AnalysisStatus::Ok {
        if let Some(n) = explain::not_tested(a) {
            out.push_str(&render::wrap(&n, "  "));
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "  ({} of {}; {} could reach the bar; {} too few days to test)",
            plural(a.tests, "comparison"),
            plural(a.factors, "factor"),
            a.comparisons_counted,
            plural(a.insufficient_pairs, "pair with")
        );
    }
    out.push('\n');
    let caveat = format!(
        "{} {}",
        r.caveat,
        crate::content::cite(&crate::content::insights().caveat_sources)
    );
    out.push_str(&render::wrap(&caveat, ""));
    out.push('\n');
    out
}
