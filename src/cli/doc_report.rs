//! `gutlog report --format html|markdown`: the report to take to a doctor.

use super::{open_store, outfile};
use crate::analysis::clinician::{
    clinician_report, ClinicianParams, DoctorPattern, DEFAULT_REPORT_DAYS,
};
use crate::domain::{check_text, Clock, InputError};
use crate::report::{html, markdown, Format};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(next_help_heading = "Report for your doctor")]
pub struct DocArgs {
    /// Write a report to take to your doctor: html (printable) or markdown
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write it to FILE (mode 0600) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists (a regular file only)
    #[arg(long)]
    pub force: bool,
    /// Days the report covers, ending on --week-ending [default: 90]
    #[arg(long, value_name = "N")]
    pub days: Option<String>,
    /// Leave the diary's free-text notes out of the report
    #[arg(long)]
    pub no_notes: bool,
    /// A question for your doctor, printed at the end (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub question: Vec<String>,
}

impl DocArgs {
    /// The flags that only make sense with `--format`, if any was given.
    pub fn stray_flag(&self) -> Option<&'static str> {
        [
            (self.out.is_some(), "--out"),
            (self.force, "--force"),
            (self.days.is_some(), "--days"),
            (self.no_notes, "--no-notes"),
            (!self.question.is_empty(), "--question"),
        ]
        .into_iter()
        .find_map(|(set, name)| set.then_some(name))
    }
}

fn params(
    args: &DocArgs,
    clock: &Clock,
    end: NaiveDate,
    min_severity: i64,
) -> Result<(Format, ClinicianParams), InputError> {
    let name = args.format.as_deref().unwrap_or_default();
    let format = Format::parse(name).ok_or_else(|| {
        InputError::new(format!(
            "unknown report format '{name}'; use {}",
            Format::NAMES.join(" or ")
        ))
    })?;
    let days = match args.days.as_deref() {
        None => DEFAULT_REPORT_DAYS as i64,
        Some(s) => s
            .trim()
            .parse()
            .map_err(|_| InputError::new(format!("--days '{s}' is not a whole number")))?,
    };
    let mut p = ClinicianParams::checked(end, days, min_severity, clock.now())?;
    p.include_notes = !args.no_notes;
    for q in &args.question {
        let q = q.trim();
        if q.is_empty() {
            return Err(InputError::new("--question is empty; type the question"));
        }
        check_text("--question", q)?;
        p.questions.push(q.to_string());
    }
    Ok((format, p))
}

/// Writes the report. `end` and `min_severity` come from the weekly
/// review's own (already checked) `--week-ending` and `--min-severity`.
pub fn run(
    db: &Path,
    clock: &Clock,
    end: NaiveDate,
    min_severity: i64,
    args: &DocArgs,
) -> anyhow::Result<()> {
    let (format, params) = params(args, clock, end, min_severity)?;
    let out = args.out.as_deref().filter(|p| *p != Path::new("-"));
    if let Some(path) = out {
        outfile::check_target(path, args.force)?;
    }
    let store = open_store(db, clock)?;
    let (from, to) = params.dates_needed();
    let diary = store.diary(from, to)?;
    let mut report = clinician_report(&diary, &params);
    let titles = &crate::content::report().attention.pattern_titles;
    report.doctor_patterns = super::show::doctor_notes(&store, end)?
        .into_iter()
        .map(|n| DoctorPattern {
            title: titles
                .get(n.id)
                .cloned()
                .unwrap_or_else(|| n.id.to_string()),
            detail: n.cited(),
        })
        .collect();
    report.experiments =
        super::experiment::clinician_results(&store, params.start(), end, clock.today())?;
    let doc = match format {
        Format::Html => html::render(&report),
        Format::Markdown => markdown::render(&report),
    };
    match out {
        Some(path) => {
            outfile::write_private(path, doc.as_bytes(), args.force)?;
            println!("Wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(doc.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(())
}
