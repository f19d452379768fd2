//! The command-line front end: clap definitions and one function per
//! subcommand. No SQL here: everything goes through `Store`.

// Inside src/cli, `print!`, `println!` and `eprintln!` are these, not std's:
// they go through `output`, which shows control characters visibly and
// never panics on a closed or full standard output (see output.rs).
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::output::write_out(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::cli::output::write_out(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::cli::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}
macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::cli::output::write_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod config;
mod csv_export;
mod doc_report;
mod exchange;
mod experiment;
mod food;
mod log;
mod outfile;
pub mod output;
mod remind;
mod render;
pub mod report;
mod safety;
mod shell;
mod show;
mod status;
mod sync;

use crate::config::{Config, ConfigError};
use crate::domain::{Clock, InputError};
use crate::store::{default_db_path, Store, StoreError};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
WHEN is a time today (8, 830, 8:30, 20:30, 8pm), 'yesterday HH:MM', 'YYYY-MM-DD HH:MM'
or ISO 8601; default now; never more than an hour ahead.
DATE is YYYY-MM-DD, 'today' or 'yesterday'; default today.

gutlog gives information, not diagnosis. Rectal bleeding or black stools,
unexplained weight loss, night-time symptoms, persistent vomiting, trouble
swallowing, a fever, a lump in the tummy or back passage, or iron deficiency
anaemia need a doctor: see `gutlog guide see-a-doctor`. Before cutting out
gluten, get tested for coeliac disease while you still eat it.

Run `gutlog` with no command to open the evening check-in screen.";

#[derive(Debug, Parser)]
#[command(
    name = "gutlog",
    version,
    about = "A private gut-health journal for the terminal: log meals, symptoms, stools and \
             habits each evening, follow a 7-day plan, and see what comes before your symptoms.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Diary file to use [default: $XDG_DATA_HOME/gutlog/gutlog.db]
    #[arg(long, global = true, env = "GUTLOG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Settings file to use [default: $XDG_CONFIG_HOME/gutlog/config.toml]
    #[arg(long, global = true, env = "GUTLOG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a meal, symptom, stool, check-in, medicine or red flag
    #[command(subcommand)]
    Log(log::LogCommand),
    /// Show everything logged on a date
    Day {
        /// The date [default: today]
        date: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Delete an entry by its id (or its first 6+ characters)
    Delete {
        /// The id shown by `gutlog day`
        id: String,
    },
    /// Show, start or tick the 7-day starter plan
    Plan(show::PlanArgs),
    /// Test a suspect: leave it out and bring it back in phases, then compare a symptom
    #[command(subcommand)]
    Experiment(experiment::ExperimentCommand),
    /// What gutlog knows about a food: tags, FODMAP groups, parts, sources
    Food {
        /// A food or dish, e.g. "cheese sandwich"
        name: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Your optional year of birth and sex, used to ask only the red-flag questions that apply
    Profile(food::ProfileArgs),
    /// Read the bundled guide: lists sections, or prints one
    Guide {
        /// Section id or title (e.g. causes, faq, see-a-doctor)
        section: Option<String>,
    },
    /// Write the whole diary as JSON, or as CSV tables for spreadsheets
    Export(exchange::ExportArgs),
    /// Add the entries of an exported JSON file (all or nothing; safe to repeat)
    Import {
        /// The file to import ('-' for standard input)
        file: PathBuf,
    },
    /// Fill an empty diary with a realistic synthetic one, to try the app
    Demo(exchange::DemoArgs),
    /// Merge with your other computers through a folder a sync tool carries
    Sync(sync::SyncArgs),
    /// Write a consistent copy of the diary (never overwrites a file)
    Backup {
        /// Where to write it [default: backups/gutlog-YYYYMMDDTHHMMSS.db beside the diary]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace the diary with a backup (checked first; the current diary is kept as a backup)
    Restore {
        /// A backup made by `gutlog backup` or a daily backup
        file: PathBuf,
    },
    /// Check that the diary file is healthy
    Check,
    /// Show where gutlog keeps its data
    Paths,
    /// The weekly review and what comes before your symptoms, or a report for your doctor (--format)
    Report(report::ReportArgs),
    /// What today has logged and what is missing, in one line (exit 1: not logged and past the reminder hour)
    Status(status::StatusArgs),
    /// Print a user timer or crontab line that reminds you to log the day (never installs it)
    Remind(remind::RemindArgs),
    /// Show where the settings file is, the effective settings, or check the file
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell completion script
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), or write every page into a directory
    Man(shell::ManArgs),
    /// Completion hook: names that complete the current word (never fails loudly)
    #[command(hide = true, name = "__complete")]
    Complete(shell::CompleteArgs),
    /// Test hook: log COUNT entries, one transaction each, printing each id
    #[command(hide = true, name = "__writer")]
    Writer {
        #[arg(long, default_value_t = 1000)]
        count: u64,
    },
}

/// Exit code for bad usage or bad input.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for anything else that failed.
pub const EXIT_FAILURE: i32 = 1;

/// The database path: `--db`/`GUTLOG_DB`, else the default location.
pub fn db_path(cli_db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match cli_db {
        Some(p) if !p.as_os_str().is_empty() => Ok(p),
        _ => default_db_path().ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory for the diary; set HOME or use --db PATH")
        }),
    }
}

/// Opens the diary, reports any warning, and takes the day's backup; a
/// backup that finds the diary damaged stops the command before it writes.
pub fn open_store(db: &std::path::Path, clock: &Clock) -> anyhow::Result<Store> {
    let keep = crate::store::keep_backups_from_env();
    let store = Store::open(db)?;
    for w in store.warnings() {
        eprintln!("gutlog: warning: {w}");
    }
    match store.daily_backup(clock.today(), keep) {
        // The backup read every page and met damage: refuse before any
        // write (a diary in WAL mode is not quick-checked on every open).
        Err(e) if e.is_damage() => return Err(e.into()),
        // Any other failure must not stop the evening's logging; say so.
        Err(e) => eprintln!("gutlog: warning: today's automatic backup failed: {e}"),
        Ok(_) => {}
    }
    Ok(store)
}

/// Reads the settings file (`--config`/`GUTLOG_CONFIG`, else the XDG
/// location); a bad one is an error that names its line and column.
pub fn load_config(given: Option<&Path>) -> Result<Config, ConfigError> {
    let location = crate::config::Location::find(given);
    Config::load(location.as_ref(), crate::config::Env::from_process())
}

/// Runs one subcommand. `config` is the `--config` path, if any.
pub fn run(
    command: Command,
    db: PathBuf,
    clock: &Clock,
    config: Option<&Path>,
) -> anyhow::Result<()> {
    crate::store::set_wait_hooks(crate::store::WaitHooks {
        notice: || {
            eprintln!(
                "gutlog: waiting for another gutlog to finish writing… (up to {} s)",
                crate::store::WAIT_LIMIT.as_secs()
            )
        },
        give_up: || false,
    });
    // These work whatever the settings file says (and `config` reports on it).
    match command {
        Command::Config(cmd) => return config::run(cmd, &db, config),
        Command::Completions(args) => return shell::completions(args),
        Command::Man(args) => return shell::man(args),
        Command::Complete(args) => return shell::complete(args, &db, clock),
        _ => {}
    }
    let settings = load_config(config)?;
    match command {
        Command::Log(cmd) => log::run(cmd, &db, clock, &settings),
        Command::Day { date, json } => show::day(&db, clock, date.as_deref(), json, &settings),
        Command::Delete { id } => {
            let mut store = open_store(&db, clock)?;
            let deleted = store.delete(&id, clock.now())?;
            println!(
                "Deleted {}: {}",
                deleted.kind(),
                render::deleted_summary(&deleted)
            );
            Ok(())
        }
        Command::Plan(args) => show::plan(&db, clock, args),
        Command::Experiment(cmd) => experiment::run(cmd, &db, clock),
        Command::Food { name, json } => food::food(&db, clock, &name, json),
        Command::Profile(args) => food::profile(&db, clock, args),
        Command::Guide { section } => show::guide(section.as_deref()),
        Command::Export(args) => exchange::export(&db, clock, args),
        Command::Import { file } => exchange::import(&db, clock, &file),
        Command::Backup { out } => safety::backup(&db, clock, out),
        Command::Restore { file } => safety::restore(&db, clock, &file),
        Command::Check => safety::check(&db),
        Command::Writer { count } => safety::writer(&db, clock, count),
        Command::Demo(args) => exchange::demo(&db, clock, args),
        Command::Sync(args) => sync::sync(&db, clock, args),
        Command::Paths => show::paths(&db),
        Command::Report(args) => report::report(&db, clock, args, &settings),
        Command::Status(args) => status::status(&db, clock, args, &settings),
        Command::Remind(args) => remind::remind(&db, config, args, &settings),
        Command::Config(_) | Command::Completions(_) | Command::Man(_) | Command::Complete(_) => {
            unreachable!("handled above")
        }
    }
}

/// The exit code an error deserves: 2 for the user's input, else 1.
pub fn exit_code(e: &anyhow::Error) -> i32 {
    for cause in e.chain() {
        if cause.downcast_ref::<InputError>().is_some()
            || cause.downcast_ref::<ConfigError>().is_some()
        {
            return EXIT_BAD_INPUT;
        }
        if let Some(s) = cause.downcast_ref::<StoreError>() {
            return if s.is_bad_input() {
                EXIT_BAD_INPUT
            } else {
                EXIT_FAILURE
            };
        }
    }
    EXIT_FAILURE
}

/// Shared `--at WHEN` argument.
#[derive(Debug, Args)]
pub struct AtArg {
    /// When it happened [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}
