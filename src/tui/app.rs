//! The app: state plus the store. Keys become actions through the keymap,
//! `update` changes the state, and effects are performed here against the
//! store, followed by a reload. No terminal here: tests drive `App` directly.

use super::action::{Action, Effect, Screen};
use super::keymap::lookup;
use super::state::{Modal, State};
use super::update::update;
use super::{insights, journal, today};
use crate::domain::Clock;
use crate::store::{Store, StoreResult};
use chrono::{Duration, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::Terminal;

pub struct App {
    pub state: State,
    store: Store,
    /// The Journal's list of dates must be read again after a write.
    journal_stale: bool,
    /// The Insights review must be computed again after a write.
    insights_stale: bool,
    /// SQLite's `data_version` when last read: it changes when another
    /// connection commits.
    data_version: i64,
}

impl App {
    /// Opens the app on a store; shows the welcome when the diary is empty.
    pub fn new(store: Store, clock: Clock, color: bool) -> StoreResult<App> {
        let mut state = State::new(clock, color);
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
            data_version,
        };
        app.load_foods()?;
        app.reload()?;
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// True when NO_COLOR asks for no colour (any non-empty value).
    pub fn color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    /// One key press: keymap → action → update → effects.
    pub fn key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        let contexts = self.state.contexts();
        let action = match lookup(&contexts, &ev) {
            Some(a) => Some(a),
            None if self.state.modal.is_some() => match ev.code {
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
        if self.state.modal.is_none() {
            return;
        }
        let max = crate::domain::MAX_TEXT_BYTES;
        if text.len() > max {
            let mut end = max;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.dispatch(Action::Paste(text[..end].to_string()));
            self.state.error(format!(
                "Paste too long ({} KB): kept the first {max} bytes.",
                text.len().div_ceil(1024)
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
        self.load_foods()?;
        self.reload()?;
        Ok(true)
    }

    pub fn dispatch(&mut self, action: Action) {
        let effects = update(&mut self.state, action);
        // Rows come and go as records are added or deleted: keep the cursor
        // on the same row so the next key does what the user expects.
        let focused = today::rows(&self.state)
            .get(self.state.today.cursor)
            .copied();
        for e in effects {
            if let Err(err) = self.perform(e) {
                self.state.error(format!("Not saved: {err}"));
            }
        }
        let rows = today::rows(&self.state);
        if let Some(i) = focused.and_then(|f| rows.iter().position(|r| *r == f)) {
            self.state.today.cursor = i;
        }
        self.state.today.cursor = self.state.today.cursor.min(rows.len().saturating_sub(1));
    }

    fn perform(&mut self, effect: Effect) -> StoreResult<()> {
        let now = self.state.clock.now();
        let write = !matches!(
            effect,
            Effect::Reload | Effect::LoadRecentMeals | Effect::Search(_)
        );
        match effect {
            Effect::AddMeal(meal, remember) => {
                self.store.add_meal(&meal, &remember, now)?;
                self.load_foods()?;
                self.state.info(format!(
                    "Saved {}: {}",
                    meal.slot.as_str(),
                    meal.foods.join(", ")
                ));
            }
            Effect::UpdateMeal(meal) => {
                self.store.update_meal(&meal, now)?;
                self.load_foods()?;
                self.state.info("Meal updated.");
            }
            Effect::SetSymptom(r) => {
                self.store.set_symptom_for_day(&r, now)?;
            }
            Effect::PutCheckIn(c) => self.store.put_checkin(&c, now)?,
            Effect::AddStool(st) => {
                self.store.add_stool(&st)?;
                self.state
                    .info(format!("Saved stool, type {}.", st.bristol.kind()));
            }
            Effect::AddIntake(i) => self.store.add_intake(&i)?,
            Effect::Delete(id) => {
                let d = self.store.delete(&id, now)?;
                self.state.info(format!("Deleted {}. u undoes.", d.kind()));
                self.state.undo = Some(d);
            }
            Effect::Restore(d) => {
                self.store.restore(&d, now)?;
                self.state.info(format!("Restored {}.", d.kind()));
            }
            Effect::SetRedFlag(f, on) => {
                if on {
                    self.store.add_red_flag(&f, now)?;
                } else {
                    self.store.remove_red_flag(&f, now)?;
                }
            }
            Effect::SetHabit(date, habit, kept) => self.store.set_habit(date, &habit, kept, now)?,
            Effect::StartPlan(on) => {
                self.store.start_plan(on, now)?;
                self.state.plan_ui.cursor = 0;
                self.state
                    .info("Plan started: day 1 is today (3 shows the whole plan).");
            }
            Effect::TickPlan(run, day, on) => {
                if on {
                    self.store.tick_plan(&run, day, now)?;
                } else {
                    self.store.untick_plan(&run, day, now)?;
                }
            }
            Effect::SetReflection(run, text) => {
                self.store.set_plan_reflection(&run, text.as_deref(), now)?;
                self.state.info("Reflection saved.");
            }
            Effect::LoadRecentMeals => {
                self.state.recent_meals = self.store.recent_meals(now - Duration::days(14), 30)?;
            }
            Effect::Search(q) => {
                self.state.journal.results = self.store.search_meals(&q, 500)?;
                self.state.journal.query = Some(q);
                self.state.journal.cursor = 0;
            }
            Effect::Reload => {}
        }
        if write {
            self.journal_stale = true;
            self.insights_stale = true;
        }
        self.reload()
    }

    fn load_foods(&mut self) -> StoreResult<()> {
        self.state.food_book = self.store.food_book()?;
        self.state.food_history = self.store.food_history(300)?;
        Ok(())
    }

    /// Reads what the current screen shows.
    pub fn reload(&mut self) -> StoreResult<()> {
        let s = &mut self.state;
        s.day = self.store.day(s.date)?;
        s.plan = self.store.current_plan()?;
        s.custom_symptoms = self.store.custom_symptoms()?;
        s.usual_intakes = self.store.usual_intakes(8)?;
        if s.screen == Screen::Insights && (self.insights_stale || insights::needs_review(s)) {
            insights::load(s, &self.store)?;
            self.insights_stale = false;
        }
        if s.screen == Screen::Journal {
            if self.journal_stale {
                s.journal.dates = self.store.logged_dates(
                    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date"),
                    s.clock.today() + Duration::days(3650),
                )?;
                s.journal.summaries.clear();
                self.journal_stale = false;
            }
            let n = s.journal.dates.len();
            s.journal.cursor = s.journal.cursor.min(n.saturating_sub(1));
            if let Some(sel) = journal::selected(s) {
                if !s.journal.summaries.contains_key(&sel) {
                    let i = s.journal.dates.iter().position(|d| *d == sel).unwrap_or(0);
                    let newest = s.journal.dates[i.saturating_sub(journal::WINDOW)];
                    let oldest = s.journal.dates[(i + journal::WINDOW).min(n - 1)];
                    let from = oldest.and_hms_opt(0, 0, 0).expect("midnight");
                    let to = (newest + Duration::days(1))
                        .and_hms_opt(0, 0, 0)
                        .expect("midnight");
                    let sums = journal::summarise(
                        &self.store.meals_between(from, to)?,
                        &self.store.symptoms_between(from, to)?,
                        &self.store.stools_between(from, to)?,
                        &self.store.checkins_between(oldest, newest)?,
                    );
                    s.journal.summaries = sums;
                }
            }
        }
        Ok(())
    }

    /// Draws one frame.
    pub fn draw<B: Backend>(&self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        terminal.draw(|f| super::views::draw(f, &self.state))?;
        Ok(())
    }
}
