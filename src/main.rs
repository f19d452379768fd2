//! The `gutlog` binary: parse arguments, then run a CLI command (or, with no
//! command, the TUI).

use clap::Parser;
use gutlog::cli::{self, Cli};
use gutlog::Clock;

fn main() {
    let args = Cli::parse();
    let code = match run(args) {
        Ok(()) => cli::output::finish(),
        Err(e) => {
            cli::output::write_err(format_args!("gutlog: {e}\n"));
            cli::exit_code(&e)
        }
    };
    std::process::exit(code);
}

fn run(args: Cli) -> anyhow::Result<()> {
    let clock = Clock::from_env()?;
    let db = cli::db_path(args.db)?;
    match args.command {
        Some(command) => cli::run(command, db, &clock),
        None => gutlog::tui::run(&db, clock),
    }
}
