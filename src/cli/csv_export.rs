//! `gutlog export --format csv --out DIR`: the diary as CSV tables.

use super::{open_store, outfile};
use crate::csv_export::{tables, FILES};
use crate::domain::time::parse_date;
use crate::domain::{Clock, InputError};
use std::path::Path;

/// What `export --format csv` was asked for.
pub struct CsvRequest<'a> {
    pub out: Option<&'a Path>,
    pub force: bool,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

pub fn export(db: &Path, clock: &Clock, req: CsvRequest) -> anyhow::Result<()> {
    let dir = req.out.filter(|p| *p != Path::new("-")).ok_or_else(|| {
        InputError::new("--format csv writes several files: add --out DIR (a new or empty folder)")
    })?;
    if req.force {
        return Err(InputError::new(
            "--force does not go with --format csv, which never replaces files; choose a new or empty folder",
        )
        .into());
    }
    let from = req.from.map(|s| parse_date(s, clock)).transpose()?;
    let to = req.to.map(|s| parse_date(s, clock)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(InputError::new(format!(
                "--from {f} is after --to {t}; give the earlier date first"
            ))
            .into());
        }
    }
    check_dir(dir)?;
    let store = open_store(db, clock)?;
    let span = store.date_span()?;
    let (lo, hi) = match span {
        Some((first, last)) => (
            from.map_or(first, |f| f.max(first)),
            to.map_or(last, |t| t.min(last)),
        ),
        None => (clock.today(), clock.today()),
    };
    let diary = if lo <= hi {
        store.diary(lo, hi)?
    } else {
        crate::analysis::Diary::default()
    };
    let mut experiments = Vec::new();
    for e in store.experiments()? {
        let end = e.span_end().min(clock.today());
        if e.started_on <= hi && end >= lo {
            experiments.push(super::experiment::report_of(&store, &e, clock.today())?);
        }
    }
    let files = tables(&diary, lo, hi, &experiments);
    outfile::create_dir(dir)?;
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Err(e) = outfile::write_private(&path, bytes, false) {
            // All or nothing: take back the files of this run.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(path);
    }
    println!("Wrote {} CSV files to {}", files.len(), dir.display());
    Ok(())
}

/// The folder must be new, or a real folder holding none of our files.
fn check_dir(dir: &Path) -> Result<(), InputError> {
    outfile::check_dir(dir)?;
    let present: Vec<&str> = FILES
        .iter()
        .copied()
        .filter(|f| std::fs::symlink_metadata(dir.join(f)).is_ok())
        .collect();
    if present.is_empty() {
        Ok(())
    } else {
        Err(InputError::new(format!(
            "{} already holds {}; gutlog never overwrites files: choose a new or empty folder",
            dir.display(),
            present.join(", ")
        )))
    }
}
