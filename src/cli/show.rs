//! Read-only commands: `day`, `plan`, `guide`, `paths`.

use super::{open_store, render};
use crate::analysis::doctor::{self, DoctorNote};
use crate::config::Config;
use crate::content;
use crate::domain::names::{closest, normalize_key};
use crate::domain::time::parse_date;
use crate::domain::{check_plan_day, Clock, InputError, PlanRun};
use crate::store::{default_data_dir, DbPaths, Store};
use clap::{Args, Subcommand};
use std::path::Path;

pub fn day(
    db: &Path,
    clock: &Clock,
    date: Option<&str>,
    json: bool,
    config: &Config,
) -> anyhow::Result<()> {
    let date = match date {
        Some(d) => parse_date(d, clock)?,
        None => clock.today(),
    };
    let store = open_store(db, clock)?;
    let day = store.day(date)?;
    let notes = doctor_notes(&store, date)?;
    if json {
        let mut v = serde_json::to_value(&day)?;
        v["doctor_notes"] = serde_json::to_value(&notes)?;
        println!("{}", crate::exchange::to_json_text(&v)?);
    } else {
        print!("{}", render::day_text(&day, config.water_unit.value));
        print!("{}", render::doctor_notes_text(&notes));
    }
    Ok(())
}

/// The "see a doctor" notes the diary shows as of `on` (bloating on many
/// days, a lasting change in stools), read from the weeks they need.
pub fn doctor_notes(store: &Store, on: chrono::NaiveDate) -> anyhow::Result<Vec<DoctorNote>> {
    let from = doctor::notes_start(on)
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    let to = (on + chrono::Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    Ok(doctor::doctor_notes(
        &store.symptoms_between(from, to)?,
        &store.stools_between(from, to)?,
        on,
        &store.profile()?,
    ))
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    action: Option<PlanAction>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum PlanAction {
    /// Show the current run (the default)
    Show,
    /// Start a new run (earlier runs are kept)
    Start {
        /// First day of the run [default: today]
        date: Option<String>,
    },
    /// Tick a day of the current run (1–7, or 'today')
    Tick { day: String },
    /// Untick a day of the current run (1–7, or 'today')
    Untick { day: String },
}

fn current(store: &Store) -> anyhow::Result<PlanRun> {
    store.current_plan()?.ok_or_else(|| {
        InputError::new("no plan run yet; start one with `gutlog plan start`").into()
    })
}

fn plan_day(s: &str, run: &PlanRun, clock: &Clock) -> Result<u8, InputError> {
    if s.trim().eq_ignore_ascii_case("today") {
        return run.day_on(clock.today()).ok_or_else(|| {
            InputError::new(format!(
                "today is outside the run that started {}; give a day number 1–7",
                run.started_on
            ))
        });
    }
    let n: i64 = s.trim().parse().map_err(|_| {
        InputError::new(format!(
            "plan day '{s}' is not a number; use 1 to 7 or 'today'"
        ))
    })?;
    check_plan_day(n)
}

pub fn plan(db: &Path, clock: &Clock, args: PlanArgs) -> anyhow::Result<()> {
    let mut store = open_store(db, clock)?;
    match args.action.unwrap_or(PlanAction::Show) {
        PlanAction::Show => {}
        PlanAction::Start { date } => {
            let on = match date {
                Some(d) => parse_date(&d, clock)?,
                None => clock.today(),
            };
            store.start_plan(on, clock.now())?;
            if !args.json {
                println!("Started the 7-day plan on {on}.");
            }
        }
        PlanAction::Tick { day } => {
            let run = current(&store)?;
            let d = plan_day(&day, &run, clock)?;
            store.tick_plan(&run.id, d, clock.now())?;
            if !args.json {
                println!("Ticked day {d}.");
            }
        }
        PlanAction::Untick { day } => {
            let run = current(&store)?;
            let d = plan_day(&day, &run, clock)?;
            let was = store.untick_plan(&run.id, d, clock.now())?;
            if !args.json {
                println!(
                    "{} day {d}.",
                    if was { "Unticked" } else { "Was not ticked:" }
                );
            }
        }
    }
    let run = store.current_plan()?;
    if args.json {
        println!(
            "{}",
            crate::exchange::to_json_text(&plan_json(run.as_ref(), clock))?
        );
    } else {
        print!("{}", plan_text(run.as_ref(), clock));
    }
    Ok(())
}

fn plan_json(run: Option<&PlanRun>, clock: &Clock) -> serde_json::Value {
    let days: Vec<serde_json::Value> = content::plan()
        .days
        .iter()
        .map(|d| {
            let tick = run.and_then(|r| r.ticks.iter().find(|t| t.day == d.day));
            serde_json::json!({
                "day": d.day,
                "title": d.title,
                "action": d.action,
                "done_at": tick.map(|t| crate::domain::time::fmt_datetime(t.done_at)),
            })
        })
        .collect();
    serde_json::json!({
        "run": run,
        "today_day": run.and_then(|r| r.day_on(clock.today())),
        "days": days,
    })
}

fn plan_text(run: Option<&PlanRun>, clock: &Clock) -> String {
    let Some(run) = run else {
        return "No 7-day plan started yet. Start one today with `gutlog plan start`.\n".into();
    };
    let today = run.day_on(clock.today());
    let mut out = format!("7-day starter plan, started {}", run.started_on);
    match today {
        Some(d) => out.push_str(&format!(" (today is day {d})\n")),
        None => out.push_str(" (finished or not begun yet)\n"),
    }
    for d in &content::plan().days {
        let tick = run.ticks.iter().find(|t| t.day == d.day);
        let mark = if tick.is_some() { "[x]" } else { "[ ]" };
        let arrow = if today == Some(d.day) { "▶" } else { " " };
        out.push_str(&format!("{arrow} {mark} Day {}  {}", d.day, d.title));
        if let Some(t) = tick {
            out.push_str(&format!("  (done {})", t.done_at.format("%Y-%m-%d %H:%M")));
        }
        out.push('\n');
        if today == Some(d.day) {
            out.push_str(&render::wrap(&d.action, "        "));
            out.push('\n');
        }
    }
    out
}

pub fn guide(section: Option<&str>) -> anyhow::Result<()> {
    let guide = content::guide();
    let Some(want) = section else {
        println!("Guide sections (read one with `gutlog guide SECTION`):\n");
        for s in &guide.sections {
            println!("  {:<18} {}", s.id, s.title);
        }
        println!("\n{}", content::app_text().disclaimer);
        return Ok(());
    };
    let key = normalize_key(want).replace('_', "-");
    let found = guide
        .sections
        .iter()
        .find(|s| s.id == key || normalize_key(&s.title).replace('_', "-") == key);
    let Some(s) = found else {
        let ids: Vec<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
        let hint = closest(&key, ids.iter().copied())
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        return Err(InputError::new(format!(
            "no guide section '{want}'{hint}; sections: {}",
            ids.join(", ")
        ))
        .into());
    };
    println!("{}\n{}\n", s.title, "=".repeat(s.title.chars().count()));
    println!("{}", render::wrap(&s.body, ""));
    Ok(())
}

pub fn paths(db: &Path) -> anyhow::Result<()> {
    let p = DbPaths::new(db);
    let data_dir = default_data_dir();
    println!(
        "Diary:           {}{}",
        db.display(),
        if db.exists() {
            ""
        } else {
            " (created on first use)"
        }
    );
    println!("  write-ahead:   {}", p.wal().display());
    println!("  shared memory: {}", p.shm().display());
    if let Some(w) = super::sync::synced_folder_warning(db) {
        println!("Warning: {w}.");
    }
    if let Some(d) = data_dir {
        println!("Data directory:  {}", d.display());
    }
    println!("\nOverride with --db PATH or the GUTLOG_DB environment variable.");
    println!("{}", content::app_text().privacy);
    Ok(())
}
