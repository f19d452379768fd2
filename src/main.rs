//! The `gutlog` binary: parse arguments, then run a CLI command (or, with no
//! command, the TUI).

use clap::Parser;
use gutlog::cli::{self, Cli};
use gutlog::Clock;

fn main() {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        // A usage error may echo what was typed: it goes through the
        // escaping of `output`, like every message.
        Err(e) if e.use_stderr() => {
            cli::output::write_err(format_args!("{}", e.render()));
            std::process::exit(e.exit_code());
        }
        // --help or --version: a closed pipe is fine, any other failure to
        // write is said in one line.
        Err(e) => {
            let code = match e.print() {
                Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
                    cli::output::write_err(format_args!(
                        "gutlog: cannot write the output ({io})\n"
                    ));
                    cli::EXIT_FAILURE
                }
                _ => e.exit_code(),
            };
            std::process::exit(code);
        }
    };
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
        Some(command) => cli::run(command, db, &clock, args.config.as_deref()),
        None => gutlog::tui::run(&db, clock, cli::load_config(args.config.as_deref())?),
    }
}
