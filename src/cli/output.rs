//! Everything the CLI prints passes through here (`print!`, `println!` and
//! `eprintln!` inside `src/cli/` are this module's, see `cli/mod.rs`):
//!
//! - control characters from the diary, or echoed from what was typed, are
//!   shown visibly (`\u{1b}`) and never reach the terminal;
//! - a closed pipe (`gutlog report | head -1`) ends the output quietly, as
//!   ripgrep does, and any other write error (a full disk) is reported once,
//!   in one line, after the command, saying whether the diary was changed.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

pub use crate::domain::visible;

/// `visible`, keeping line breaks: for whole pages and messages.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split('\n').map(visible).collect::<Vec<_>>().join("\n"))
}

/// Why printing stopped: the reader went away, or writing failed.
#[derive(Debug)]
enum Stopped {
    Closed,
    Failed(io::Error),
}

static STOPPED: OnceLock<Stopped> = OnceLock::new();

/// Prints to standard output (through `visible_lines`). After the first
/// failure nothing more is printed; the command itself carries on, so that
/// what it saves is saved whole, and `finish` reports the failure.
pub fn write_out(args: fmt::Arguments) {
    if STOPPED.get().is_some() {
        return;
    }
    let text = fmt::format(args);
    let mut out = io::stdout().lock();
    if let Err(e) = out
        .write_all(visible_lines(&text).as_bytes())
        .and_then(|()| out.flush())
    {
        let _ = STOPPED.set(if e.kind() == io::ErrorKind::BrokenPipe {
            Stopped::Closed
        } else {
            Stopped::Failed(e)
        });
    }
}

/// Prints to standard error (through `visible_lines`); a failure to write
/// there is ignored, as there is nowhere left to say it.
pub fn write_err(args: fmt::Arguments) {
    let text = fmt::format(args);
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(visible_lines(&text).as_bytes())
        .and_then(|()| err.flush());
}

/// The exit code once the command has succeeded: 0, also when the reader
/// closed the pipe early; 1, with one line on standard error, when standard
/// output could not be written (saying that the diary was changed, when
/// it was).
pub fn finish() -> i32 {
    match STOPPED.get() {
        None | Some(Stopped::Closed) => 0,
        Some(Stopped::Failed(e)) => {
            let saved = if crate::store::changes_saved() > 0 {
                "; your entry was saved in the diary, only this message was lost"
            } else {
                ""
            };
            write_err(format_args!(
                "gutlog: cannot write to standard output ({e}){saved}\n"
            ));
            super::EXIT_FAILURE
        }
    }
}
