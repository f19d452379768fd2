//! Reading the terminal without hanging on a dead one.
//!
//! crossterm's reader loops for ever once its terminal is gone (`read()`
//! keeps returning 0 bytes or EIO, and it retries), and while it waits
//! nothing else runs: no stop flag is seen, no signal is obeyed. So keys
//! are read on a thread of their own, and the event loop waits for them a
//! short slice at a time, checking between slices for a stop signal
//! (SIGTERM, SIGHUP, SIGINT) and for the terminal having gone away. Either
//! ends the TUI within a fraction of a second; a half-filled form is simply
//! not saved.

use crossterm::event::{self, Event};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// What the event loop gets next.
pub enum Next {
    /// A key, paste or resize.
    Event(Event),
    /// Nothing happened during the wait (time to look for others' writes).
    Tick,
    /// Stop now: a signal came, or the terminal went away.
    Stop,
}

/// How long one wait slice lasts: a stop is seen at most this late.
const SLICE: Duration = Duration::from_millis(50);

/// The stop flag (set by SIGTERM, SIGHUP, SIGINT) and the terminal, for
/// the loop and for a save that waits for another gutlog.
struct Watch {
    stop: Arc<AtomicBool>,
    /// The terminal crossterm reads: standard input when it is one, else
    /// /dev/tty (kept open here so that its hang-up can be seen).
    tty: Option<File>,
}

static WATCH: OnceLock<Watch> = OnceLock::new();

fn tty_fd() -> Option<RawFd> {
    let w = WATCH.get()?;
    match &w.tty {
        Some(f) => Some(f.as_raw_fd()),
        None => Some(libc::STDIN_FILENO),
    }
}

/// True when the terminal has hung up (its window closed, tmux killed).
fn terminal_gone() -> bool {
    let Some(fd) = tty_fd() else {
        return false;
    };
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no wait.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// True once the TUI should stop: a stop signal came or the terminal went
/// away. A save waiting for another gutlog gives up on this, too.
pub fn should_stop() -> bool {
    WATCH.get().is_some_and(|w| w.stop.load(Ordering::Relaxed)) || terminal_gone()
}

/// Events from the reader thread.
pub struct Input {
    events: Receiver<io::Result<Event>>,
}

impl Input {
    /// Starts reading the terminal; `stop` is the flag the signal handlers
    /// set. Call once, after raw mode is on.
    pub fn start(stop: Arc<AtomicBool>) -> io::Result<Input> {
        // SAFETY: isatty only inspects the descriptor.
        let stdin_is_tty = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
        let tty = if stdin_is_tty {
            None
        } else {
            Some(File::open("/dev/tty")?)
        };
        let _ = WATCH.set(Watch { stop, tty });
        let (tx, events) = mpsc::channel();
        std::thread::Builder::new()
            .name("terminal input".into())
            .spawn(move || loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    return;
                }
            })?;
        Ok(Input { events })
    }

    /// The next event, waiting at most `timeout`.
    pub fn next(&self, timeout: Duration) -> io::Result<Next> {
        let start = Instant::now();
        loop {
            if should_stop() {
                return Ok(Next::Stop);
            }
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return Ok(Next::Tick);
            }
            match self.events.recv_timeout(left.min(SLICE)) {
                Ok(ev) => return ev.map(Next::Event),
                Err(RecvTimeoutError::Timeout) => {}
                // The reader stopped: the terminal is gone.
                Err(RecvTimeoutError::Disconnected) => return Ok(Next::Stop),
            }
        }
    }
}
