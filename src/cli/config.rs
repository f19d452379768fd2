//! `gutlog config path|show|check`: where the settings file is, what the
//! effective settings are (and where each came from), and whether the file
//! is valid.

use crate::config::{unknown_symptoms, Config, Env, Location};
use crate::domain::InputError;
use crate::store::Store;
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the settings file's path (a note on stderr when it does not exist yet)
    Path,
    /// Print the effective settings as TOML, each with where it came from
    Show,
    /// Check the settings file, and that the symptoms it names exist (exit 2 naming the line and column)
    Check,
}

fn location(given: Option<&Path>) -> Result<Location, InputError> {
    Location::find(given).ok_or_else(|| {
        InputError::new(
            "cannot find a home directory for the settings file; set HOME or use --config PATH",
        )
    })
}

pub fn run(cmd: ConfigCommand, db: &Path, given: Option<&Path>) -> anyhow::Result<()> {
    let loc = location(given)?;
    match cmd {
        ConfigCommand::Path => {
            println!("{}", loc.path.display());
            if !loc.path.exists() {
                eprintln!(
                    "gutlog: {} does not exist yet; gutlog uses the defaults (`gutlog config show` lists them)",
                    loc.path.display()
                );
            }
            Ok(())
        }
        ConfigCommand::Show => {
            let config = Config::load(Some(&loc), Env::from_process())?;
            print!("{}", show(&config, &loc));
            Ok(())
        }
        ConfigCommand::Check => check(&loc, db),
    }
}

/// The effective settings as a valid config file, each value followed by
/// its source as a comment.
pub fn show(config: &Config, loc: &Location) -> String {
    let mut out = String::new();
    let found = if config.file.is_some() {
        "read"
    } else {
        "not found: the defaults apply"
    };
    let _ = writeln!(
        out,
        "# Settings file: {} ({}; {found})",
        loc.path.display(),
        loc.describe_origin()
    );
    out.push_str("# Effective settings; after each, where it came from. Flags such as\n");
    out.push_str("# `report --min-severity` still beat these for one command.\n");
    let mut table = None;
    for e in config.entries() {
        if e.table != table {
            table = e.table;
            let _ = writeln!(out, "\n[{}]", e.table.unwrap_or_default());
        }
        let setting = format!("{} = {}", e.key, e.value);
        let _ = writeln!(out, "{setting:<34} # {}", e.source);
    }
    out
}

fn check(loc: &Location, db: &Path) -> anyhow::Result<()> {
    let config = Config::load(Some(loc), Env::from_process())?;
    let Some(path) = &config.file else {
        println!(
            "No settings file at {}; the defaults apply.",
            loc.path.display()
        );
        return Ok(());
    };
    // Symptoms of the person's own are in the diary: read it, write nothing.
    let custom = match Store::open_read_only(db)? {
        Some(store) => store.custom_symptoms()?,
        None => Vec::new(),
    };
    let text = std::fs::read_to_string(path)?;
    if let Some(e) = unknown_symptoms(&text, &custom).into_iter().next() {
        return Err(e.in_file(&path.display().to_string()).into());
    }
    let set = config
        .entries()
        .iter()
        .filter(|e| matches!(e.source, crate::config::Source::File { .. }))
        .count();
    println!(
        "{} is valid ({set} setting{} set; `gutlog config show` lists them all).",
        path.display(),
        if set == 1 { "" } else { "s" }
    );
    Ok(())
}
