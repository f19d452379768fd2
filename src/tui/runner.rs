//! The terminal side: raw mode and the alternate screen, restored on quit,
//! on error, on panic (hook) and on SIGTERM/SIGHUP/SIGINT; the event loop.
//! Every change is committed before the next frame, so leaving at any
//! moment loses nothing that was shown as saved.

use super::action::Action;
use super::app::App;
use super::input::{self, Input, Next};
use crate::config::Config;
use crate::domain::Clock;
use crate::store::Store;
use anyhow::Context as _;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{stdout, Stdout};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal when dropped (normal exit and errors); a panic
/// restores through the hook instead, so this skips a second restore.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            restore();
        }
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Opens the diary at `db` and runs the TUI until the user quits.
/// `config` holds the user's settings (colour, water unit, meal times,
/// symptoms shown, first day of the week).
pub fn run(db: &Path, clock: Clock, config: Config) -> anyhow::Result<()> {
    let keep = crate::store::keep_backups_from_env();
    let store = Store::open(db)?;
    let warnings: Vec<String> = store.warnings().to_vec();
    let mut app = App::new(store, clock, config).map_err(|e| {
        anyhow::anyhow!(
            "cannot read the diary {}: {}",
            db.display(),
            e.with_recovery_hint()
        )
    })?;
    for w in warnings {
        app.state.info(format!("warning: {w}"));
    }

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot listen for terminal signals")?;
    }

    install_panic_hook();
    enable_raw_mode().context("cannot switch the terminal to raw mode; is this a terminal?")?;
    let _guard = Guard;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.clear()?;
    let input = Input::start(Arc::clone(&stop)).context("cannot read the terminal")?;
    crate::store::set_wait_hooks(crate::store::WaitHooks {
        notice: show_saving,
        give_up: input::should_stop,
    });
    event_loop(&mut app, &mut terminal, &input, keep)
}

/// Set when "saving…" was written past ratatui, so the next frame is
/// drawn whole.
static SAVING_SHOWN: AtomicBool = AtomicBool::new(false);

/// A save waiting for another gutlog (a long import, say) says so on the
/// status line while it waits; the entry is saved when the other is done.
fn show_saving() {
    use crossterm::style::{Attribute, Print, SetAttribute};
    let rows = crossterm::terminal::size().map_or(1, |(_, h)| h);
    let _ = execute!(
        stdout(),
        crossterm::cursor::MoveTo(0, rows.saturating_sub(1)),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::CurrentLine),
        SetAttribute(Attribute::Reverse),
        Print(" saving… waiting for another gutlog to finish writing "),
        SetAttribute(Attribute::Reset)
    );
    SAVING_SHOWN.store(true, Ordering::Relaxed);
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    input: &Input,
    keep_backups: usize,
) -> anyhow::Result<()> {
    let test_panic = std::env::var_os("GUTLOG_TEST_PANIC").is_some();
    let size = terminal.size()?;
    app.dispatch(Action::Resize(size.width, size.height));
    let mut first_frame = true;
    loop {
        app.draw(terminal)?;
        if first_frame {
            // The day's backup waits until the first frame is on screen.
            first_frame = false;
            if let Err(e) = app
                .store()
                .daily_backup(app.state.clock.today(), keep_backups)
            {
                app.state
                    .error(format!("warning: today's automatic backup failed: {e}"));
            }
        }
        if app.state.quit || input::should_stop() {
            return Ok(());
        }
        if test_panic {
            // Test hook: proves the panic hook restores the terminal.
            panic!("GUTLOG_TEST_PANIC is set: panicking on purpose");
        }
        // Wake up now and then to notice another gutlog's writes or
        // midnight; a signal or a vanished terminal ends the wait at once
        // (input.rs).
        let event = match input.next(Duration::from_millis(250))? {
            Next::Stop => return Ok(()),
            Next::Tick => {
                app.tick(Clock::from_env()?.now());
                app.refresh_if_changed()?;
                continue;
            }
            Next::Event(event) => event,
        };
        // The time of this key: ratings, default times and "today" follow it.
        app.tick(Clock::from_env()?.now());
        match event {
            Event::Key(k) => app.key(k),
            Event::Paste(text) => app.paste(&text),
            Event::Resize(w, h) => app.dispatch(Action::Resize(w, h)),
            _ => {}
        }
        if SAVING_SHOWN.swap(false, Ordering::Relaxed) {
            // Clears the screen and redraws it whole (without
            // `Terminal::clear`, which would read the cursor position and
            // so compete with the input thread for the terminal's replies).
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
    }
}
