//! `export`, `import` and `demo`.

use super::{open_store, outfile};
use crate::domain::{Clock, InputError};
use crate::exchange::MAX_FILE_BYTES;
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format: json (the whole diary) or csv (tables for spreadsheets, into --out DIR)
    #[arg(long, default_value = "json")]
    format: String,
    /// Write to FILE (mode 0600) instead of standard output ('-' for standard output); for csv, the folder DIR
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it is an existing regular file (never a link, device or FIFO)
    #[arg(long)]
    force: bool,
    /// csv: first date to export (DATE) [default: the first entry]
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// csv: last date to export (DATE) [default: the last entry]
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many days of diary to make, ending today
    #[arg(long, default_value_t = 120)]
    days: u32,
    /// Random seed, for a repeatable diary
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn export(db: &Path, clock: &Clock, args: ExportArgs) -> anyhow::Result<()> {
    if args.format == "csv" {
        let req = super::csv_export::CsvRequest {
            out: args.out.as_deref(),
            force: args.force,
            from: args.from.as_deref(),
            to: args.to.as_deref(),
        };
        return super::csv_export::export(db, clock, req);
    }
    if args.format != "json" {
        return Err(InputError::new(format!(
            "unknown format '{}'; valid: json, csv",
            args.format
        ))
        .into());
    }
    if args.from.is_some() || args.to.is_some() {
        return Err(InputError::new(
            "--from and --to go with --format csv; the JSON export is always the whole diary",
        )
        .into());
    }
    // `--out -` is standard output; any other --out is checked before the
    // diary is even opened.
    let out = args.out.filter(|p| p != Path::new("-"));
    if let Some(out) = &out {
        outfile::check_target(out, args.force)?;
    }
    let store = open_store(db, clock)?;
    let json = store.export()?.to_json();
    match out {
        None => print!("{json}"),
        Some(out) => outfile::write_private(&out, json.as_bytes(), args.force)?,
    }
    Ok(())
}

/// Reads an import file, or standard input for `-`, refusing anything
/// larger than the limit: a huge file, or an endless one such as
/// /dev/zero, is read only up to the limit and never fills memory.
fn read_import(file: &Path) -> Result<String, InputError> {
    let limit = MAX_FILE_BYTES;
    let stdin = file == Path::new("-");
    let name = if stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let too_big = || {
        InputError::new(format!(
            "{name} is larger than {} MB, the most gutlog imports at once (a 20-year diary \
             exports to well under that); check that this is a gutlog export",
            limit / (1024 * 1024)
        ))
    };
    let cannot = |e: std::io::Error| InputError::new(format!("cannot read {name}: {e}"));
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(cannot)?;
        let meta = f.metadata().map_err(cannot)?;
        if meta.is_dir() {
            return Err(InputError::new(format!(
                "{name} is a directory; give the file written by `gutlog export`"
            )));
        }
        if meta.is_file() && meta.len() > limit {
            return Err(too_big());
        }
        Box::new(f)
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        InputError::new(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); give the file written by `gutlog export`",
            e.utf8_error().valid_up_to()
        ))
    })
}

pub fn import(db: &Path, clock: &Clock, file: &Path) -> anyhow::Result<()> {
    let text = read_import(file)?;
    let mut store = open_store(db, clock)?;
    // Everything is read and validated before the import takes the lock.
    let ex = crate::exchange::parse_on(&text, &store.custom_symptoms()?, clock.today())?;
    drop(text);
    let s = store.import(&ex)?;
    let mut also = String::new();
    if s.updated + s.deleted > 0 {
        also.push_str(&format!(
            " Applied {} later edits and {} deletions from the file.",
            s.updated, s.deleted
        ));
    }
    if s.kept_deleted > 0 {
        also.push_str(&format!(
            " Not brought back: {} deleted in this diary since.",
            super::sync::entries(s.kept_deleted)
        ));
    }
    println!(
        "Imported {} new entries ({} already present); merged {} check-ins.{also}",
        s.added, s.skipped, s.checkins_merged
    );
    Ok(())
}

pub fn demo(db: &Path, clock: &Clock, args: DemoArgs) -> anyhow::Result<()> {
    if args.days == 0 || args.days > 36_600 {
        return Err(InputError::new("--days must be between 1 and 36600").into());
    }
    let mut store = open_store(db, clock)?;
    if !store.is_empty()? {
        return Err(InputError::new(format!(
            "{} already holds a diary; the demo only fills an empty one (use --db another.db)",
            db.display()
        ))
        .into());
    }
    let ex = crate::demo::generate(args.days, args.seed, clock.today());
    let s = store.import(&ex)?;
    println!(
        "Made a demo diary of {} days ending {}: {} entries, {} check-ins.",
        args.days,
        clock.today(),
        s.added,
        s.checkins_merged
    );
    Ok(())
}
