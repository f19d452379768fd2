//! The effects side of the loop: every store write and read the screens
//! ask for, the undo step and the confirmation message of each change,
//! and the reload of what the screen shows (the Insights review and the
//! Journal's summaries are computed here, never while drawing).

use super::action::{Action, Effect, Screen, UndoStep};
use super::app::App;
use super::change::{Change, Verb};
use super::describe::{checkin_changes, deleted_what, meal_what, rating_what};
use super::keymap::{key_for, Context};
use super::state::Modal;
use super::{insights, journal, profile};
use crate::analysis::doctor::{doctor_notes, notes_start};
use crate::analysis::journal::summarise;
use crate::analysis::{weekly_review, weekly_trend, ReviewParams, DEFAULT_HISTORY_DAYS};
use crate::content::{self, fill, tui_text};
use crate::domain::meal::UsualTimes;
use crate::domain::profile::relevant_red_flags;
use crate::domain::{symptom_name, CheckIn};
use crate::store::{Deleted, StoreResult};
use chrono::{Duration, NaiveDate};

impl App {
    /// Reads the user's foods for completion once a meal form is open.
    pub(super) fn ensure_food_history(&mut self) -> StoreResult<()> {
        if !self.food_history_loaded && matches!(self.state.modal, Some(Modal::Meal(_))) {
            self.food_history_loaded = true;
            self.state.food_history = self.store.food_history(300)?;
        }
        Ok(())
    }

    pub(super) fn load_foods(&mut self) -> StoreResult<()> {
        let s = &mut self.state;
        s.food_book = self.store.food_book()?;
        // The foods of the whole diary: read when a meal form first needs
        // them, not before the first frame.
        if self.food_history_loaded {
            s.food_history = self.store.food_history(300)?;
        }
        let now = s.clock.now();
        let recent = self
            .store
            .meals_between(now - Duration::days(28), now + Duration::days(1))?;
        s.usual_times = UsualTimes::from_meals(&recent).with_meal_times(s.config.meal_times());
        Ok(())
    }

    pub(super) fn perform(&mut self, effect: Effect) -> StoreResult<()> {
        let t = tui_text();
        let write = !matches!(
            effect,
            Effect::Reload
                | Effect::LoadRecentMeals
                | Effect::Search(_)
                | Effect::FillMealFromYesterday
        );
        match effect {
            Effect::Undo(step) => {
                for e in step.effects {
                    self.apply(e)?;
                }
                self.state.info(fill(&t.undid, &[("what", &step.what)]));
            }
            other => {
                let logged = super::experiment_effects::logged_copy(&other);
                if let Some(change) = self.apply(other)? {
                    let undo_key = key_for(Context::Global, &Action::Undo);
                    let template = match change.verb {
                        Verb::Saved => &t.saved,
                        Verb::Updated => &t.updated,
                        Verb::Deleted => &t.deleted,
                    };
                    self.state.info(fill(
                        template,
                        &[("what", &change.what), ("undo", &undo_key)],
                    ));
                    if !change.undo.is_empty() {
                        self.state.push_undo(UndoStep {
                            effects: change.undo,
                            what: change.what,
                        });
                    }
                }
                self.warn_deviation(logged)?;
            }
        }
        if write {
            self.journal_stale = true;
            self.insights_stale = true;
            self.notes_stale = true;
        }
        self.reload()
    }

    /// Performs one effect; for a change, returns how to take it back.
    fn apply(&mut self, effect: Effect) -> StoreResult<Option<Change>> {
        let t = tui_text();
        // When this change happened: kept with it for syncing.
        let now = self.state.clock.now();
        let saved = |undo: Vec<Effect>, what: String| {
            Ok(Some(Change {
                undo,
                what,
                verb: Verb::Saved,
            }))
        };
        match effect {
            Effect::AddMeal(meal, remember) => {
                self.store.add_meal(&meal, &remember, now)?;
                self.load_foods()?;
                saved(vec![Effect::Delete(meal.id.clone())], meal_what(&meal))
            }
            Effect::UpdateMeal(meal, remember) => {
                let old = self.store.meal(&meal.id)?;
                self.store.update_meal_remembering(&meal, &remember, now)?;
                self.load_foods()?;
                let undo = old
                    .map(|o| vec![Effect::UpdateMeal(o, Vec::new())])
                    .unwrap_or_default();
                Ok(Some(Change {
                    undo,
                    what: meal_what(&meal),
                    verb: Verb::Updated,
                }))
            }
            Effect::SetSymptoms(ratings) => {
                let old = self.store.set_symptoms_for_day(&ratings, now)?;
                let what = match ratings.as_slice() {
                    [one] => rating_what(one),
                    many => fill(&t.what_symptoms_none, &[("n", &many.len().to_string())]),
                };
                let undo = vec![Effect::RevertSymptoms {
                    remove: ratings.iter().map(|r| r.id.clone()).collect(),
                    restore: old,
                }];
                saved(undo, what)
            }
            Effect::RevertSymptoms { remove, restore } => {
                self.store.revert_symptoms(&remove, &restore, now)?;
                Ok(None)
            }
            Effect::AddCustomSymptom(id) => {
                self.store.add_custom_symptom(&id)?;
                let what = fill(&t.what_custom_symptom, &[("symptom", &symptom_name(&id))]);
                saved(vec![Effect::RemoveCustomSymptom(id)], what)
            }
            Effect::RemoveCustomSymptom(id) => {
                self.store.remove_custom_symptom(&id)?;
                Ok(None)
            }
            Effect::PutCheckIn(c) => {
                let old = self
                    .store
                    .checkin(c.date)?
                    .unwrap_or_else(|| CheckIn::empty(c.date));
                self.store.put_checkin(&c, now)?;
                let changes = checkin_changes(&old, &c, self.state.config.water_unit.value);
                if changes.is_empty() {
                    self.state.info(t.no_change.clone());
                    return Ok(None);
                }
                saved(vec![Effect::PutCheckIn(old)], changes)
            }
            Effect::CopyCheckIn { from, to } => {
                let date = from.format("%a %-d %b").to_string();
                let Some(y) = self.store.checkin(from)? else {
                    self.state
                        .info(fill(&t.no_checkin_yesterday, &[("date", &date)]));
                    return Ok(None);
                };
                let old = self
                    .store
                    .checkin(to)?
                    .unwrap_or_else(|| CheckIn::empty(to));
                // The values, not the note: a note is about its own day.
                let mut new = old.clone();
                new.merge(&CheckIn {
                    note: None,
                    date: to,
                    ..y
                });
                self.store.put_checkin(&new, now)?;
                let changes = checkin_changes(&old, &new, self.state.config.water_unit.value);
                if changes.is_empty() {
                    self.state.info(t.no_change.clone());
                    return Ok(None);
                }
                let what = fill(&t.what_copied_checkin, &[("changes", &changes)]);
                saved(vec![Effect::PutCheckIn(old)], what)
            }
            Effect::AddStool(st) => {
                self.store.add_stool(&st)?;
                let what = deleted_what(&Deleted::Stool(st.clone()));
                saved(vec![Effect::Delete(st.id)], what)
            }
            Effect::AddIntake(i) => {
                self.store.add_intake(&i)?;
                let what = deleted_what(&Deleted::Intake(i.clone()));
                saved(vec![Effect::Delete(i.id)], what)
            }
            Effect::Delete(id) => {
                let d = self.store.delete(&id, now)?;
                Ok(Some(Change {
                    what: deleted_what(&d),
                    undo: vec![Effect::Restore(d)],
                    verb: Verb::Deleted,
                }))
            }
            Effect::Restore(d) => {
                self.store.restore(&d, now)?;
                Ok(None)
            }
            Effect::SetRedFlag(f, on) => {
                if on {
                    self.store.add_red_flag(&f, now)?;
                } else {
                    self.store.remove_red_flag(&f, now)?;
                }
                let name = content::red_flags()
                    .get(&f.flag)
                    .map_or(f.flag.clone(), |i| i.name.clone());
                let template = if on {
                    &t.what_flag_on
                } else {
                    &t.what_flag_off
                };
                let what = fill(template, &[("flag", &name)]);
                saved(vec![Effect::SetRedFlag(f, !on)], what)
            }
            Effect::SetProfile(p) => {
                let old = self.store.profile()?;
                if old == p {
                    self.state.info(t.no_change.clone());
                    return Ok(None);
                }
                self.store.set_profile(&p, self.state.clock.now())?;
                let what = match profile::describe(&p) {
                    Some(desc) => {
                        let n = relevant_red_flags(&p, self.state.date).len().to_string();
                        let total = content::red_flags().flags.len().to_string();
                        let v = [("profile", desc.as_str()), ("n", &n), ("total", &total)];
                        fill(&t.what_profile, &v)
                    }
                    None => t.what_profile_cleared.clone(),
                };
                saved(vec![Effect::SetProfile(old)], what)
            }
            Effect::SetHabit(date, habit, kept) => {
                self.store.set_habit(date, &habit, kept, now)?;
                let name = content::plan()
                    .habits
                    .iter()
                    .find(|h| h.id == habit)
                    .map_or(habit.clone(), |h| h.name.clone());
                let template = if kept {
                    &t.what_habit_on
                } else {
                    &t.what_habit_off
                };
                let what = fill(template, &[("habit", &name)]);
                saved(vec![Effect::SetHabit(date, habit, !kept)], what)
            }
            Effect::StartPlan(on) => {
                let run = self.store.start_plan(on, now)?;
                self.state.plan_ui.cursor = 0;
                let plan_key = key_for(Context::Global, &Action::Show(Screen::Plan));
                let what = fill(
                    &t.what_plan_started,
                    &[
                        ("date", &on.format("%-d %b").to_string()),
                        ("plan", &plan_key),
                    ],
                );
                saved(vec![Effect::Delete(run.id)], what)
            }
            Effect::TickPlan(run, day, at) => {
                let was = self
                    .store
                    .plan_run(&run)?
                    .ticks
                    .into_iter()
                    .find(|x| x.day == day)
                    .map(|x| x.done_at);
                match at {
                    Some(at) => self.store.tick_plan(&run, day, at)?,
                    None => {
                        self.store.untick_plan(&run, day, now)?;
                    }
                }
                let template = if at.is_some() {
                    &t.what_plan_tick
                } else {
                    &t.what_plan_untick
                };
                let what = fill(template, &[("day", &day.to_string())]);
                saved(vec![Effect::TickPlan(run, day, was)], what)
            }
            Effect::SetReflection(run, text) => {
                let old = self.store.plan_run(&run)?.reflection;
                self.store.set_plan_reflection(&run, text.as_deref(), now)?;
                saved(
                    vec![Effect::SetReflection(run, old)],
                    t.what_reflection.clone(),
                )
            }
            Effect::LoadRecentMeals => {
                let since = self.state.clock.now() - Duration::days(14);
                self.state.recent_meals = self.store.recent_meals(since, 30)?;
                Ok(None)
            }
            Effect::FillMealFromYesterday => {
                self.fill_meal_from_yesterday()?;
                Ok(None)
            }
            Effect::Search(q) => {
                self.state.journal.results = self.store.search_meals(&q, 500)?;
                self.state.journal.query = Some(q);
                self.state.journal.cursor = 0;
                Ok(None)
            }
            Effect::Undo(_) | Effect::Reload => Ok(None),
            experiment => self.apply_experiment(experiment),
        }
    }

    fn fill_meal_from_yesterday(&mut self) -> StoreResult<()> {
        let t = tui_text();
        let Some(Modal::Meal(form)) = &self.state.modal else {
            return Ok(());
        };
        let day: NaiveDate = form.date - Duration::days(1);
        let slot = form.slot;
        let meals = self.store.day(day)?.meals;
        let date = day.format("%a %-d %b").to_string();
        match meals.iter().rev().find(|m| m.slot == slot) {
            Some(m) => {
                if let Some(Modal::Meal(form)) = &mut self.state.modal {
                    form.fill_from(m);
                }
                let save = key_for(Context::Form, &Action::Enter);
                self.state.info(fill(
                    &t.copied_meal,
                    &[("date", &date), ("slot", slot.as_str()), ("save", &save)],
                ));
            }
            None => self.state.info(fill(
                &t.no_meal_yesterday,
                &[("date", &date), ("slot", slot.as_str())],
            )),
        }
        Ok(())
    }

    /// Reads what the current screen shows.
    pub fn reload(&mut self) -> StoreResult<()> {
        self.reload_notes()?;
        let s = &mut self.state;
        s.day = self.store.day(s.date)?;
        s.plan = self.store.current_plan()?;
        s.custom_symptoms = self.store.custom_symptoms()?;
        s.usual_intakes = self.store.usual_intakes(8)?;
        self.reload_experiment()?;
        let s = &mut self.state;
        if s.screen == Screen::Insights && (self.insights_stale || insights::needs_review(s)) {
            let params = ReviewParams::new(s.date);
            let (from, to) = params.dates_needed();
            let review = weekly_review(&self.store.diary(from, to)?, &params);
            let trend = weekly_trend(&review.habits.daily, s.date, DEFAULT_HISTORY_DAYS / 7);
            insights::set_review(s, review, trend);
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
                    s.journal.summaries = summarise(
                        &self.store.meals_between(from, to)?,
                        &self.store.symptoms_between(from, to)?,
                        &self.store.stools_between(from, to)?,
                        &self.store.checkins_between(oldest, newest)?,
                    );
                }
            }
        }
        Ok(())
    }

    /// Works the see-a-doctor notes and the empty-yesterday reminder out
    /// again when the diary changed or the dates did (see `notes`).
    fn reload_notes(&mut self) -> StoreResult<()> {
        let s = &mut self.state;
        let today = s.clock.today();
        let dates = (s.date, today);
        if !self.notes_stale && s.notes.for_dates == Some(dates) {
            return Ok(());
        }
        s.profile = self.store.profile()?;
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight exists");
        let (from, to) = (
            midnight(notes_start(s.date)),
            midnight(s.date + Duration::days(1)),
        );
        s.notes.doctor = doctor_notes(
            &self.store.symptoms_between(from, to)?,
            &self.store.stools_between(from, to)?,
            s.date,
            &s.profile,
        );
        let yesterday = today - Duration::days(1);
        s.notes.empty_yesterday = if s.date == today && !self.store.has_entries_on(yesterday)? {
            let kept_before = self
                .store
                .date_span()?
                .is_some_and(|(first, _)| first < yesterday);
            kept_before.then_some(yesterday)
        } else {
            None
        };
        s.notes.for_dates = Some(dates);
        self.notes_stale = false;
        Ok(())
    }
}
