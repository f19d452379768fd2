//! Waiting for another gutlog that is writing. SQLite lets one writer in at
//! a time; a second one calls this busy handler, which waits as long as the
//! other keeps the lock (up to `WAIT_LIMIT`), tells the person after a
//! second, and stops waiting when the front end says so (the TUI on
//! SIGTERM). An import holds the lock for at most about 2 s (README, Speed).

use std::cell::Cell;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The longest a writer waits for another gutlog before it gives up.
pub const WAIT_LIMIT: Duration = Duration::from_secs(120);

/// How long a writer waits before it says that it is waiting.
pub const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// What a front end does while a writer waits.
#[derive(Debug, Clone, Copy)]
pub struct WaitHooks {
    /// Called once per wait, after `WAIT_NOTICE_AFTER`.
    pub notice: fn(),
    /// Asked before every retry: true stops waiting (the write then fails
    /// as a whole, so nothing half-done is kept).
    pub give_up: fn() -> bool,
}

static HOOKS: Mutex<WaitHooks> = Mutex::new(WaitHooks {
    notice: || {},
    give_up: || false,
});

/// Sets what waiting writers in this process do (the CLI prints a line on
/// standard error; the TUI shows "saving…" and gives up on SIGTERM).
pub fn set_wait_hooks(hooks: WaitHooks) {
    *HOOKS.lock().unwrap_or_else(|e| e.into_inner()) = hooks;
}

thread_local! {
    /// When the current wait began, and whether it was announced.
    static WAIT: Cell<(Instant, bool)> = Cell::new((Instant::now(), false));
}

/// SQLite's busy handler: `tries` is 0 at the start of each wait.
pub(crate) fn wait_for_writer(tries: i32) -> bool {
    let hooks = *HOOKS.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    let (start, announced) = if tries == 0 { (now, false) } else { WAIT.get() };
    let waited = now.duration_since(start);
    if waited >= WAIT_LIMIT || (hooks.give_up)() {
        return false;
    }
    let announce = !announced && waited >= WAIT_NOTICE_AFTER;
    WAIT.set((start, announced || announce));
    if announce {
        (hooks.notice)();
    }
    // Short sleeps at first, as SQLite's own handler does, so that a
    // brief lock costs little; never more than 50 ms, so that a stop is
    // seen quickly.
    const STEPS_MS: [u64; 8] = [1, 2, 5, 10, 15, 20, 25, 50];
    let step = STEPS_MS[(tries.max(0) as usize).min(STEPS_MS.len() - 1)];
    std::thread::sleep(Duration::from_millis(step));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The limit and the front end's "stop" end a wait; before that it
    /// goes on (sleeping a little each time).
    #[test]
    fn a_wait_ends_at_the_limit_or_when_asked() {
        assert!(wait_for_writer(0), "a new wait goes on");
        WAIT.set((Instant::now() - (WAIT_LIMIT - Duration::from_secs(1)), true));
        assert!(wait_for_writer(500), "still under the limit");
        WAIT.set((Instant::now() - WAIT_LIMIT, true));
        assert!(!wait_for_writer(501), "gives up at the limit");
        set_wait_hooks(WaitHooks {
            notice: || {},
            give_up: || true,
        });
        assert!(!wait_for_writer(0), "gives up when asked");
        set_wait_hooks(WaitHooks {
            notice: || {},
            give_up: || false,
        });
    }
}
