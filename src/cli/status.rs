//! `gutlog status`: today's log in one line, for people, prompts and
//! reminder timers. It runs at every shell prompt, so it opens the diary
//! read-only, takes no backup and counts instead of loading records.
//!
//! Exit codes (like grep's): 0 the day is logged, or the reminder hour has
//! not come; 1 not logged and the reminder hour has come; 2 an error.

use crate::config::Config;
use crate::domain::status::{DayStatus, Part};
use crate::domain::Clock;
use crate::store::Store;
use clap::Args;
use serde::Serialize;
use std::io::Write as _;
use std::path::Path;

/// Exit code for "the day is not logged and it is time to".
pub const EXIT_NOT_LOGGED: i32 = 1;
/// Exit code when the status could not be read.
pub const EXIT_STATUS_ERROR: i32 = 2;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one line of JSON instead of text
    #[arg(long, conflicts_with = "prompt")]
    json: bool,
    /// Short form for shell prompts: prints only when a reminder is due, e.g. "gut: symptoms, check-in"
    #[arg(long)]
    prompt: bool,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    #[serde(flatten)]
    day: &'a DayStatus,
    logged: bool,
    missing: Vec<Part>,
    reminder_hour: u8,
    reminder_due: bool,
}

fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary: what is logged and what is still to log.
pub fn line(day: &DayStatus) -> String {
    let mut logged = Vec::new();
    if day.meals > 0 {
        logged.push(count(day.meals, "meal", "meals"));
    }
    if day.symptoms_rated > 0 {
        logged.push(count(day.symptoms_rated, "symptom rated", "symptoms rated"));
    }
    if day.checkin {
        logged.push("check-in".to_string());
    }
    let missing: Vec<String> = day
        .missing()
        .into_iter()
        .map(|p| match (p, day.plan) {
            (Part::Plan, Some(step)) => format!("plan day {}", step.day),
            _ => p.as_str().to_string(),
        })
        .collect();
    if let Some(step) = day.plan.filter(|s| s.ticked) {
        logged.push(format!("plan day {}", step.day));
    }
    let mut out = format!("{}: ", day.date.format("%a %-d %b"));
    if logged.is_empty() {
        out.push_str("nothing logged yet");
    } else {
        out.push_str("logged ");
        out.push_str(&logged.join(", "));
    }
    if missing.is_empty() {
        out.push_str(". All done for today.");
    } else {
        out.push_str("; still to log: ");
        out.push_str(&missing.join(", "));
        out.push('.');
    }
    out
}

/// The prompt form: empty unless a reminder is due.
pub fn prompt(day: &DayStatus, due: bool) -> String {
    if !due {
        return String::new();
    }
    let missing: Vec<&str> = day.missing().into_iter().map(Part::as_str).collect();
    format!("gut: {}", missing.join(", "))
}

fn today(db: &Path, clock: &Clock) -> anyhow::Result<DayStatus> {
    Ok(match Store::open_read_only(db)? {
        Some(store) => store.day_status(clock.today())?,
        None => DayStatus::nothing(clock.today()),
    })
}

/// Exits with `code` once what was printed is out.
fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

pub fn status(db: &Path, clock: &Clock, args: StatusArgs, config: &Config) -> anyhow::Result<()> {
    let day = match today(db, clock) {
        Ok(day) => day,
        Err(e) => {
            if args.prompt {
                // A prompt stays short: point at the command that explains.
                println!("gut: ! (run gutlog status)");
            } else {
                eprintln!("gutlog: {e}");
            }
            exit(EXIT_STATUS_ERROR);
        }
    };
    let hour = config.reminder_hour.value;
    let due = day.reminder_due(clock.now(), hour);
    if args.json {
        let json = StatusJson {
            day: &day,
            logged: day.is_logged(),
            missing: day.missing(),
            reminder_hour: hour,
            reminder_due: due,
        };
        println!("{}", serde_json::to_string(&json)?);
    } else if args.prompt {
        let p = prompt(&day, due);
        if !p.is_empty() {
            println!("{p}");
        }
    } else {
        println!("{}", line(&day));
    }
    if due {
        exit(EXIT_NOT_LOGGED);
    }
    Ok(())
}
