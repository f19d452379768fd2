//! The app: state plus the store. Keys become actions through the keymap,
//! `update` changes the state, and effects are performed (`effects.rs`)
//! against the store, followed by a reload. No terminal here: tests drive
//! `App` directly, and pass the time with `tick` as the loop does.

use super::action::Action;
use super::keymap::{lookup, takes_text};
use super::rows::Row;
use super::state::{Modal, State};
use super::update::update;
use crate::config::Config;
use crate::content::{fill, tui_text};
use crate::domain::Clock;
use crate::store::{Store, StoreResult};
use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::Terminal;

pub struct App {
    pub state: State,
    pub(super) store: Store,
    /// The Journal's list of dates must be read again after a write.
    pub(super) journal_stale: bool,
    /// The Insights review must be computed again after a write.
    pub(super) insights_stale: bool,
    /// The see-a-doctor notes and the reminder about yesterday, likewise.
    pub(super) notes_stale: bool,
    /// SQLite's `data_version` when last read: it changes when another
    /// connection commits.
    pub(super) data_version: i64,
    /// The foods for completion are read when a meal form first opens.
    pub(super) food_history_loaded: bool,
}

impl App {
    /// Opens the app on a store with the user's settings; shows the
    /// welcome when the diary is empty.
    pub fn new(store: Store, clock: Clock, config: Config) -> StoreResult<App> {
        let mut state = State::new(clock, config);
        state.db_path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "(in memory)".into());
        if store.is_empty()? {
            state.modal = Some(Modal::Welcome);
        }
        let data_version = store.data_version()?;
        let mut app = App {
            state,
            store,
            journal_stale: true,
            insights_stale: true,
            notes_stale: true,
            data_version,
            food_history_loaded: false,
        };
        app.load_foods()?;
        app.reload()?;
        app.state.refresh_rows();
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The time now: the loop calls this before every event (and when
    /// idle), so ratings, default times and "today" follow the clock.
    pub fn tick(&mut self, now: NaiveDateTime) {
        self.dispatch(Action::Tick(now));
    }

    /// One key press: keymap → action → update → effects.
    pub fn key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        let contexts = self.state.contexts();
        let action = match lookup(&contexts, &ev) {
            Some(a) => Some(a),
            None if takes_text(&contexts) => match ev.code {
                KeyCode::Char(c)
                    if !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Type(c))
                }
                _ => None,
            },
            None => None,
        };
        if let Some(a) = action {
            self.dispatch(a);
        }
    }

    /// A bracketed paste: one insertion into the focused field. A paste
    /// longer than a field can hold is cut, with a message.
    pub fn paste(&mut self, text: &str) {
        if !takes_text(&self.state.contexts()) {
            return;
        }
        let max = crate::domain::MAX_TEXT_BYTES;
        if text.len() > max {
            let mut end = max;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.dispatch(Action::Paste(text[..end].to_string()));
            let kb = text.len().div_ceil(1024).to_string();
            self.state.error(fill(
                &tui_text().paste_too_long,
                &[("kb", &kb), ("max", &max.to_string())],
            ));
        } else {
            self.dispatch(Action::Paste(text.to_string()));
        }
    }

    /// Reads the diary again if another process (say `gutlog log` in
    /// another terminal) changed it; true if it did.
    pub fn refresh_if_changed(&mut self) -> StoreResult<bool> {
        let v = self.store.data_version()?;
        if v == self.data_version {
            return Ok(false);
        }
        self.data_version = v;
        self.journal_stale = true;
        self.insights_stale = true;
        self.notes_stale = true;
        self.load_foods()?;
        self.reload()?;
        self.state.refresh_rows();
        Ok(true)
    }

    pub fn dispatch(&mut self, action: Action) {
        let effects = update(&mut self.state, action);
        // Rows come and go as records are added or deleted: keep the cursor
        // on the same row, or in the same section, so the next key does
        // what the user expects.
        let before = self.state.today.cursor;
        let focused = self.state.row();
        for e in effects {
            if let Err(err) = self.perform(e) {
                let text = fill(&tui_text().not_saved_error, &[("error", &err.to_string())]);
                self.state.error(text);
            }
        }
        if let Err(err) = self.ensure_food_history() {
            self.state.error(err.to_string());
        }
        // Today's rows, once per key.
        self.state.refresh_rows();
        let rows = &self.state.today.rows;
        if let Some(id) = self.state.today.focus_symptom.take() {
            if let Some(i) = rows.symptom_ids.iter().position(|s| *s == id) {
                self.state.today.cursor = rows.position(Row::Symptom(i)).unwrap_or(before);
            }
        } else if let Some(f) = focused {
            let cursor = rows.position(f).or_else(|| {
                // The row is gone (a delete): the nearest row of its section.
                (0..rows.len())
                    .filter(|i| rows.get(*i).is_some_and(|r| r.section() == f.section()))
                    .min_by_key(|i| i.abs_diff(before))
            });
            if let Some(i) = cursor {
                self.state.today.cursor = i;
            }
        }
    }

    /// Draws one frame.
    pub fn draw<B: Backend>(&self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        terminal.draw(|f| super::views::draw(f, &self.state))?;
        Ok(())
    }
}
