//! `gutlog experiment …`: start one (leave a factor out and bring it back
//! in phases), follow it, pause, extend or end it, and read its verdict.
//! The design and schedule are `domain::experiment`; the timeline and the
//! verdict `analysis::experiment`.

use super::{open_store, render};
use crate::analysis::experiment::{
    deviation_warning, today_line, ExperimentReport, ExperimentVerdict, Logged,
};
use crate::content::{self, fill};
use crate::domain::experiment::{
    check_extend, parse_days, Design, Experiment, ExperimentPlan, Status,
};
use crate::domain::factor::{Factor, FactorKind};
use crate::domain::time::parse_date;
use crate::domain::{new_id, parse_symptom, symptom_name, Clock, InputError};
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ExperimentCommand {
    /// Start an experiment: leave FACTOR out and bring it back in phases, then compare SYMPTOM
    Start(StartArgs),
    /// Where the running experiment stands: today's phase, the timeline, the verdict so far
    Status {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// The verdict of an experiment (the running one, or the last, or ID); interim while it runs
    Result {
        /// An experiment's id (or its first 4+ characters) [default: the running or last one]
        id: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// End the running experiment (an end before its planned end is reported as early)
    End {
        /// The last day that counts [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Pause the running experiment from DATE (a holiday, an illness): the schedule waits
    Pause {
        /// The first day not counted [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Resume a paused experiment: DATE counts again
    Resume {
        /// The first day counted again [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Add DAYS to the last phase of the running experiment
    Extend {
        /// Days to add (1–28)
        #[arg(allow_hyphen_values = true)]
        days: String,
    },
    /// Every experiment, newest last, with its verdict
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// What to test: a tag (dairy), food (coffee), FODMAP group (lactose), kind of medicine (nsaid) or habit (short_sleep); or kind:name
    factor: String,
    /// The symptom it is suspected of (repeat for up to 3; the first is the main one)
    #[arg(long = "symptom", value_name = "SYMPTOM", required = true)]
    symptoms: Vec<String>,
    /// abab (alternate twice; stronger) or ab (without, then with)
    #[arg(long, default_value = "abab")]
    design: String,
    /// Days per phase [default: 10 for abab, 14 for ab]
    #[arg(long, value_name = "N")]
    days: Option<String>,
    /// Days of ordinary life logged first, before the first phase (0–28)
    #[arg(long, value_name = "N", default_value = "0")]
    baseline: String,
    /// Days after each switch that are logged but not compared (0–7)
    #[arg(long, value_name = "N", default_value = "2")]
    washout: String,
    /// Draw the order and the switch days at random (recommended: it makes the check exact)
    #[arg(long)]
    randomise: bool,
    /// The first day (today or later, up to 30 days ahead) [default: today]
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// Confirm you have read the coeliac-testing advice (needed to leave out gluten, wheat or fructans)
    #[arg(long)]
    confirm_coeliac_advice: bool,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

fn number(flag: &str, s: &str) -> Result<u32, InputError> {
    parse_days(s).map_err(|e| e.in_field(flag))
}

fn date_arg(flag: &str, d: Option<&str>, clock: &Clock) -> Result<NaiveDate, InputError> {
    match d {
        Some(d) => parse_date(d, clock).map_err(|e| e.in_field(flag)),
        None => Ok(clock.today()),
    }
}

/// The report of an experiment on `today`, from the diary.
pub(crate) fn report_of(
    store: &Store,
    e: &Experiment,
    today: NaiveDate,
) -> anyhow::Result<ExperimentReport> {
    Ok(store.experiment_report(e, today)?)
}

fn short(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn print_json(v: &impl serde::Serialize) -> anyhow::Result<()> {
    println!("{}", crate::exchange::to_json_text(v)?);
    Ok(())
}

/// The advice shown before any experiment starts (and before a gluten
/// one, the coeliac-testing note), wrapped.
fn before_starting(f: &Factor, book: &crate::domain::food::FoodBook) -> String {
    let t = content::experiments();
    let mut out = String::new();
    if f.kind.is_food() {
        out.push_str(&render::wrap(&t.notes.clinician.cited(), ""));
        out.push('\n');
    }
    if f.kind == FactorKind::Intake {
        out.push_str(&render::wrap(&t.medicine_ask, ""));
        out.push('\n');
    }
    if f.leaves_out_gluten(book) {
        out.push_str(&render::wrap(&content::notes().coeliac_first.cited(), ""));
        out.push('\n');
    }
    out
}

fn start(db: &Path, clock: &Clock, a: StartArgs) -> anyhow::Result<()> {
    let design = Design::parse(&a.design)?;
    let plan_numbers = (
        match &a.days {
            Some(d) => number("--days", d)?,
            None => design.default_phase_days(),
        },
        number("--baseline", &a.baseline)?,
        number("--washout", &a.washout)?,
        date_arg("--start", a.start.as_deref(), clock)?,
    );
    let mut store = open_store(db, clock)?;
    let book = store.food_book()?;
    // Only here is there a command to point to.
    let factor = Factor::parse(&a.factor, &book)
        .map_err(|e| InputError(format!("{e}; see `gutlog food NAME`")))?;
    let custom = store.custom_symptoms()?;
    let symptoms = a
        .symptoms
        .iter()
        .map(|s| parse_symptom(s, &custom))
        .collect::<Result<Vec<_>, _>>()?;
    let (phase_days, baseline_days, washout_days, start) = plan_numbers;
    let plan = ExperimentPlan {
        factor: factor.clone(),
        symptoms,
        design,
        phase_days,
        baseline_days,
        washout_days,
        randomised: a.randomise,
        start,
    };
    plan.check(clock.today())?;
    let gluten = factor.leaves_out_gluten(&book);
    if gluten && !a.confirm_coeliac_advice {
        let t = content::experiments();
        return Err(InputError::new(format!(
            "{} {}",
            content::notes().coeliac_first.cited(),
            t.coeliac_confirm
        ))
        .into());
    }
    if let Some(active) = store.active_experiment(clock.today())? {
        return Err(crate::store::already_running(&active, clock.today()).into());
    }
    let e = plan.build(new_id(), clock.now(), &mut fastrand::Rng::new(), gluten);
    store.start_experiment(&e, clock.today(), clock.now())?;
    let report = report_of(&store, &e, clock.today())?;
    if a.json {
        return print_json(&report);
    }
    let t = content::experiments();
    print!("{}", before_starting(&factor, &book));
    let names: Vec<String> = e
        .symptoms
        .iter()
        .map(|s| symptom_name(s).to_lowercase())
        .collect();
    println!(
        "{}",
        render::wrap(
            &fill(
                &t.started,
                &[
                    ("factor", &e.factor_label()),
                    ("symptoms", &names.join(", ")),
                    ("design", &design_words(&e)),
                    ("days", &e.total_days().to_string()),
                    ("end", &short(report.planned_end)),
                ],
            ),
            ""
        )
    );
    print!("{}", timeline_text(&report));
    println!("{}", render::wrap(&t.notes.washout.cited(), ""));
    Ok(())
}

fn design_words(e: &Experiment) -> String {
    let mut s = e.design.as_str().to_uppercase();
    if e.randomised {
        s.push_str(", randomised");
    }
    if e.baseline_days > 0 {
        s.push_str(&format!(", {} baseline days", e.baseline_days));
    }
    s.push_str(&format!(
        ", {} washout days after each switch",
        e.washout_days
    ));
    s
}

fn timeline_text(r: &ExperimentReport) -> String {
    let mut out = String::from("Phases\n");
    for p in &r.phases {
        let sym: Vec<String> = p
            .symptom_days
            .iter()
            .map(|s| format!("{} on {}", symptom_name(&s.symptom).to_lowercase(), s.days))
            .collect();
        let _ = writeln!(
            out,
            "  {} {:<7} {} – {}  {} days ({} washout) · so far {}, rated {}, {} · {} deviation{}",
            p.number,
            p.condition.as_str(),
            p.start.format("%a %-d %b"),
            p.end.format("%a %-d %b"),
            p.days,
            p.washout_days,
            p.days_so_far,
            p.days_rated,
            sym.join(", "),
            p.deviations,
            if p.deviations == 1 { "" } else { "s" }
        );
    }
    out
}

/// The result part, as text.
fn result_text(r: &ExperimentReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Result{}",
        if r.result.interim { " (interim)" } else { "" }
    );
    for s in &r.result.symptoms {
        let _ = writeln!(out, "  {}: {}", s.name, s.headline);
        out.push_str(&render::wrap(&s.sentence, "    "));
        out.push('\n');
        out.push_str(&render::wrap(&format!("Next: {}", s.next_step), "    "));
        out.push('\n');
    }
    for n in &r.result.notes {
        out.push_str(&render::wrap(n, "  "));
        out.push('\n');
    }
    out
}

/// Red flags logged during the experiment: the see-a-doctor guidance,
/// whatever the experiment shows.
fn red_flags_text(r: &ExperimentReport) -> String {
    let mut out = String::new();
    for f in &r.red_flags {
        out.push_str(&render::wrap(
            &format!("SEE A DOCTOR. {} ({}): {}", f.name, f.date, f.guidance),
            "",
        ));
        out.push('\n');
    }
    out
}

fn full_text(r: &ExperimentReport, e: &Experiment, today: NaiveDate) -> String {
    let mut out = red_flags_text(r);
    let names: Vec<&str> = r.symptoms.iter().map(|s| s.name.as_str()).collect();
    let _ = writeln!(
        out,
        "Experiment on {} ({}) for {} · {} · {}",
        r.factor_label,
        r.factor,
        names.join(", ").to_lowercase(),
        design_words(e),
        r.status.as_str().replace('_', " ")
    );
    let _ = writeln!(
        out,
        "Started {} · planned end {} ({} days) · id {}",
        short(r.started_on),
        short(r.planned_end),
        e.total_days(),
        &r.id[..r.id.len().min(8)]
    );
    if let Some(line) = today_line(e, today, today) {
        out.push_str(&render::wrap(&format!("Today: {line}"), ""));
        out.push('\n');
    }
    out.push_str(&timeline_text(r));
    if !r.deviations.is_empty() {
        out.push_str("Deviations\n");
        for d in &r.deviations {
            let _ = writeln!(out, "  {}: {}", d.date.format("%a %-d %b"), d.what);
        }
    }
    out.push_str(&result_text(r));
    out
}

fn running(store: &Store, clock: &Clock) -> anyhow::Result<Experiment> {
    store
        .active_experiment(clock.today())?
        .ok_or_else(|| InputError::new(content::experiments().none_running.clone()).into())
}

/// One line per experiment for `list`.
#[derive(serde::Serialize)]
struct ListItem {
    id: String,
    factor: String,
    factor_label: String,
    symptoms: Vec<String>,
    design: Design,
    randomised: bool,
    status: Status,
    started_on: NaiveDate,
    planned_end: NaiveDate,
    ended_on: Option<NaiveDate>,
    verdict: Option<ExperimentVerdict>,
    headline: String,
}

pub fn run(cmd: ExperimentCommand, db: &Path, clock: &Clock) -> anyhow::Result<()> {
    let today = clock.today();
    match cmd {
        ExperimentCommand::Start(a) => start(db, clock, a),
        ExperimentCommand::Status { json } => {
            let store = open_store(db, clock)?;
            let Some(e) = store.current_experiment(today)? else {
                if json {
                    println!("null");
                    return Ok(());
                }
                println!("{}", content::experiments().list_empty);
                return Ok(());
            };
            let r = report_of(&store, &e, today)?;
            if json {
                return print_json(&r);
            }
            print!("{}", full_text(&r, &e, today));
            Ok(())
        }
        ExperimentCommand::Result { id, json } => {
            let store = open_store(db, clock)?;
            let e = match id {
                Some(id) => store.experiment(&id)?,
                None => store
                    .current_experiment(today)?
                    .ok_or_else(|| InputError::new(content::experiments().list_empty.clone()))?,
            };
            let r = report_of(&store, &e, today)?;
            if json {
                return print_json(&r);
            }
            print!("{}", red_flags_text(&r));
            print!("{}", result_text(&r));
            Ok(())
        }
        ExperimentCommand::End { date, json } => {
            let end = date_arg("--date", date.as_deref(), clock)?;
            let mut store = open_store(db, clock)?;
            let e = running(&store, clock)?;
            if end < e.started_on || end > today {
                return Err(InputError::new(format!(
                    "--date {end} is outside the experiment: use a date from {} to today",
                    e.started_on
                ))
                .into());
            }
            let planned = e.planned_end(today);
            store.set_experiment_end(&e.id, Some(end.min(planned)), today, clock.now())?;
            let e = store.experiment(&e.id)?;
            let r = report_of(&store, &e, today)?;
            if json {
                return print_json(&r);
            }
            print!("{}", full_text(&r, &e, today));
            Ok(())
        }
        ExperimentCommand::Pause { date } => {
            let on = date_arg("--date", date.as_deref(), clock)?;
            let mut store = open_store(db, clock)?;
            let e = running(&store, clock)?;
            if e.open_pause().is_some() {
                return Err(InputError::new(
                    "the experiment is paused already; resume it with `gutlog experiment resume`",
                )
                .into());
            }
            let earliest = e
                .pauses
                .iter()
                .filter_map(|p| p.to)
                .max()
                .unwrap_or(e.started_on)
                .max(e.started_on);
            if on < earliest || on > today {
                return Err(InputError::new(format!(
                    "--date {on}: a pause starts between {earliest} and today"
                ))
                .into());
            }
            store.pause_experiment(&e.id, on, clock.now())?;
            println!(
                "Paused the experiment on {} from {}: the schedule waits until you run `gutlog experiment resume`.",
                e.factor_label(),
                short(on)
            );
            Ok(())
        }
        ExperimentCommand::Resume { date } => {
            let on = date_arg("--date", date.as_deref(), clock)?;
            let mut store = open_store(db, clock)?;
            let e = running(&store, clock)?;
            let Some(p) = e.open_pause() else {
                return Err(InputError::new("the experiment is not paused").into());
            };
            if on < p.from || on > today + chrono::Duration::days(1) {
                return Err(InputError::new(format!(
                    "--date {on}: resume between {} and tomorrow",
                    p.from
                ))
                .into());
            }
            store.resume_experiment(&e.id, on, clock.now())?;
            let e = store.experiment(&e.id)?;
            println!(
                "Resumed the experiment on {} from {}; it now ends {}.",
                e.factor_label(),
                short(on),
                short(e.planned_end(today))
            );
            Ok(())
        }
        ExperimentCommand::Extend { days } => {
            let n: i64 = days.trim().parse().map_err(|_| {
                InputError::new(format!("days '{days}' is not a whole number; e.g. 7"))
            })?;
            let mut store = open_store(db, clock)?;
            let e = running(&store, clock)?;
            let n = check_extend(&e, n)?;
            store.set_experiment_extension(&e.id, e.extended_days + n, clock.now())?;
            let e = store.experiment(&e.id)?;
            println!(
                "Extended the last phase by {n} days; the experiment now ends {}.",
                short(e.planned_end(today))
            );
            Ok(())
        }
        ExperimentCommand::List { json } => {
            let store = open_store(db, clock)?;
            let mut items = Vec::new();
            for e in store.experiments()? {
                let r = report_of(&store, &e, today)?;
                items.push(ListItem {
                    verdict: r.result.symptoms.first().map(|s| s.verdict),
                    headline: r.headline(),
                    id: e.id.clone(),
                    factor: e.factor.clone(),
                    factor_label: r.factor_label.clone(),
                    symptoms: e.symptoms.clone(),
                    design: e.design,
                    randomised: e.randomised,
                    status: r.status,
                    started_on: e.started_on,
                    planned_end: r.planned_end,
                    ended_on: e.ended_on,
                });
            }
            if json {
                return print_json(&items);
            }
            if items.is_empty() {
                println!("{}", content::experiments().list_empty);
            }
            for i in &items {
                println!(
                    "{}  {} – {}  {} for {} ({})  {}",
                    &i.id[..i.id.len().min(8)],
                    i.started_on,
                    i.ended_on.unwrap_or(i.planned_end),
                    i.factor_label,
                    i.symptoms.join(", "),
                    i.status.as_str().replace('_', " "),
                    i.headline
                );
            }
            Ok(())
        }
    }
}

/// After logging a meal, medicine or check-in: the deviation warning when
/// it has the factor the running experiment leaves out that day.
pub(crate) fn warn(store: &Store, logged: Logged, today: NaiveDate) -> anyhow::Result<()> {
    let Some(e) = store.active_experiment(today)? else {
        return Ok(());
    };
    if let Some(w) = deviation_warning(&e, logged, &store.food_book()?, today) {
        println!("{}", render::wrap(&format!("Experiment: {w}"), "  "));
    }
    Ok(())
}

/// One finding and the command that tests it.
#[derive(serde::Serialize)]
struct TestThis {
    factor: String,
    symptom: String,
    command: String,
}

/// What `gutlog report` says about experiments: how to test its findings,
/// and finished experiments' verdicts for the same pairs.
#[derive(serde::Serialize)]
pub(crate) struct ReportLinks {
    how_to_start: String,
    test_this: Vec<TestThis>,
    results: Vec<crate::analysis::experiment::PairResult>,
}

impl ReportLinks {
    /// `findings` as (factor and the factors that came with it, symptom),
    /// strongest first.
    pub(crate) fn new(
        store: &Store,
        findings: &[(Vec<String>, String)],
        today: NaiveDate,
    ) -> anyhow::Result<ReportLinks> {
        use crate::analysis::experiment::{pair_results, result_for, test_this_command};
        let mut test_this: Vec<TestThis> = Vec::new();
        for (factors, s) in findings {
            for f in factors {
                let Some(command) = test_this_command(f, s) else {
                    continue;
                };
                if !test_this.iter().any(|t| t.command == command) {
                    test_this.push(TestThis {
                        command,
                        factor: f.clone(),
                        symptom: s.clone(),
                    });
                }
            }
        }
        let mut reports = Vec::new();
        for e in store.experiments()? {
            reports.push(report_of(store, &e, today)?);
        }
        let all = pair_results(&reports);
        let mut results: Vec<crate::analysis::experiment::PairResult> = Vec::new();
        for (factors, s) in findings {
            if let Some(r) = result_for(&all, factors, s) {
                if !results.contains(r) {
                    results.push(r.clone());
                }
            }
        }
        let (factor, symptom) = test_this
            .first()
            .map_or(("FACTOR".to_string(), "SYMPTOM".to_string()), |t| {
                (t.factor.clone(), t.symptom.clone())
            });
        Ok(ReportLinks {
            how_to_start: fill(
                &content::experiments().how_to_start,
                &[("factor", &factor), ("symptom", &symptom)],
            ),
            test_this,
            results,
        })
    }

    pub(crate) fn text(&self) -> String {
        let mut out = String::from("\nTesting a finding\n");
        out.push_str(&render::wrap(&self.how_to_start, "  "));
        out.push('\n');
        for r in &self.results {
            out.push_str(&render::wrap(
                &format!("{} · {}: {}", r.factor, symptom_name(&r.symptom), r.line),
                "  ",
            ));
            out.push('\n');
        }
        out
    }
}

/// The experiments that share dates with `from..=to`, for the report for
/// a clinician: what was tested, when, the verdict and its counts.
pub(crate) fn clinician_results(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> anyhow::Result<Vec<crate::analysis::clinician::ExperimentResult>> {
    let mut out = Vec::new();
    for e in store.experiments()? {
        let end = e
            .ended_on
            .unwrap_or_else(|| e.planned_end(today))
            .min(today);
        if e.started_on > to || end < from {
            continue;
        }
        let r = report_of(store, &e, today)?;
        let names: Vec<String> = r.symptoms.iter().map(|s| s.name.to_lowercase()).collect();
        let title = format!(
            "{} and {} ({})",
            capitalised(&r.factor_label),
            names.join(", "),
            design_words(&e)
        );
        for s in &r.result.symptoms {
            let mut summary = s.sentence.clone();
            if !r.deviations.is_empty() {
                let _ = write!(summary, " {} deviation days.", r.deviations.len());
            }
            if r.result.interim {
                let _ = write!(summary, " {}", content::experiments().interim);
            }
            out.push(crate::analysis::clinician::ExperimentResult {
                title: title.clone(),
                start: e.started_on,
                end,
                verdict: s.headline.clone(),
                summary,
            });
        }
    }
    Ok(out)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
