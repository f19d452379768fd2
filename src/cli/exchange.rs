//! `export`, `import` and `demo`.

use super::open_store;
use crate::domain::{Clock, InputError};
use clap::Args;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format (only json for now)
    #[arg(long, default_value = "json")]
    format: String,
    /// Write to FILE (mode 0600) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
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
    if args.format != "json" {
        return Err(
            InputError::new(format!("unknown format '{}'; valid: json", args.format)).into(),
        );
    }
    if let Some(out) = &args.out {
        if out.exists() && !args.force {
            return Err(InputError::new(format!(
                "{} already exists; choose another name, or add --force to replace it",
                out.display()
            ))
            .into());
        }
    }
    let store = open_store(db, clock)?;
    let json = store.export()?.to_json();
    match args.out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(json.as_bytes())?;
            stdout.flush()?;
        }
        Some(out) => write_private(&out, json.as_bytes())?,
    }
    Ok(())
}

/// Writes a file readable by the owner alone: to a temporary name first,
/// synced, then renamed, so a failure never leaves half a file.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| InputError::new("--out needs a file name"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        anyhow::bail!("cannot write {}: {e}", path.display());
    }
    Ok(())
}

pub fn import(db: &Path, clock: &Clock, file: &Path) -> anyhow::Result<()> {
    let text = if file == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| InputError::new(format!("cannot read standard input: {e}")))?;
        s
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| InputError::new(format!("cannot read {}: {e}", file.display())))?
    };
    let mut store = open_store(db, clock)?;
    let ex = crate::exchange::parse_on(&text, &store.custom_symptoms()?, clock.today())?;
    let s = store.import(&ex)?;
    println!(
        "Imported {} new entries ({} already present); merged {} check-ins.",
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
