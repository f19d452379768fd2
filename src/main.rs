//! The `gutlog` binary: parse arguments, then run a CLI command (or, with no
//! command, the TUI).

use clap::Parser;
use gutlog::cli::{self, Cli};
use gutlog::Clock;

fn main() {
    let args = Cli::parse();
    let code = match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("gutlog: {e}");
            cli::exit_code(&e)
        }
    };
    std::process::exit(code);
}

fn run(args: Cli) -> anyhow::Result<()> {
    let clock = Clock::from_env()?;
    let db = cli::db_path(args.db)?;
    match args.command {
        Some(command) => cli::run(command, db, &clock, args.config.as_deref()),
        None => gutlog::tui::run(&db, clock, cli::load_config(args.config.as_deref())?),
    }
}
