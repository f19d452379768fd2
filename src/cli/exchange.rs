//! `export`, `import` and `demo`.

use super::open_store;
use crate::atomic::Place;
use crate::domain::{Clock, InputError};
use crate::exchange::MAX_FILE_BYTES;
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format (only json for now)
    #[arg(long, default_value = "json")]
    format: String,
    /// Write to FILE (mode 0600) instead of standard output ('-' for standard output)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it is an existing regular file (never a link, device or FIFO)
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
    // `--out -` is standard output; any other --out is checked before the
    // diary is even opened.
    let out = args.out.filter(|p| p != Path::new("-"));
    if let Some(out) = &out {
        check_out(out, args.force)?;
    }
    let store = open_store(db, clock)?;
    let json = store.export()?.to_json();
    match out {
        None => print!("{json}"),
        Some(out) => write_private(&out, json.as_bytes(), args.force)?,
    }
    Ok(())
}

/// What is at `--out`, when it is not something export may replace: only
/// a regular file may be replaced, and only with --force. A symbolic link
/// (even a dangling one) is never followed or replaced, nor is a directory,
/// a FIFO, a device or a socket.
fn check_out(out: &Path, force: bool) -> Result<(), InputError> {
    use std::os::unix::fs::FileTypeExt;
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(InputError::new(format!(
                "cannot check {}: {e}",
                out.display()
            )))
        }
    };
    let t = meta.file_type();
    let what = if t.is_file() {
        return if force {
            Ok(())
        } else {
            Err(InputError::new(format!(
                "{} already exists; choose another name, or add --force to replace it",
                out.display()
            )))
        };
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "something else"
    };
    Err(InputError::new(format!(
        "{} is {what}, not a regular file; export replaces only regular files, even with \
         --force: choose another name, or use --out - for standard output",
        out.display()
    )))
}

/// Writes a file readable by the owner alone, in one step (`atomic`).
/// Without `replace` it never replaces anything (even something that
/// appeared since the check); with it, it replaces the regular file
/// `check_out` found.
fn write_private(path: &Path, bytes: &[u8], replace: bool) -> anyhow::Result<()> {
    if path.file_name().is_none() {
        return Err(InputError::new("--out needs a file name").into());
    }
    let place = if replace { Place::Replace } else { Place::New };
    match crate::atomic::write_private(path, bytes, place) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(InputError::new(format!(
            "{} already exists; choose another name, or add --force to replace it",
            path.display()
        ))
        .into()),
        Err(e) => anyhow::bail!("cannot write {}: {e}", path.display()),
    }
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
    let ex = crate::exchange::parse(&text, &store.custom_symptoms()?)?;
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
