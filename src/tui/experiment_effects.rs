//! The effects side of experiments: starting one (its schedule drawn
//! here), pausing, extending and ending it, each with its undo; reading
//! the experiment on every reload, its timeline and verdict when its page
//! is shown, and finished experiments' verdicts for Insights; and the
//! deviation warning after a meal, medicine or check-in is saved.

use super::action::Effect;
use super::app::App;
use super::change::{Change, Verb};
use crate::analysis::experiment::{deviation_warning, pair_results, today_line, Logged};
use crate::content::{self, fill};
use crate::domain::{new_id, CheckIn, Intake, Meal};
use crate::store::StoreResult;

/// A copy of what an effect logs, for the deviation check after it is saved.
pub(super) enum LoggedCopy {
    Meal(Meal),
    Intake(Intake),
    CheckIn(CheckIn),
}

pub(super) fn logged_copy(e: &Effect) -> Option<LoggedCopy> {
    match e {
        Effect::AddMeal(m, _) | Effect::UpdateMeal(m, _) => Some(LoggedCopy::Meal(m.clone())),
        Effect::AddIntake(i) => Some(LoggedCopy::Intake(i.clone())),
        Effect::PutCheckIn(c) => Some(LoggedCopy::CheckIn(c.clone())),
        _ => None,
    }
}

impl App {
    fn changed(undo: Vec<Effect>, what: String) -> StoreResult<Option<Change>> {
        Ok(Some(Change {
            undo,
            what,
            verb: Verb::Saved,
        }))
    }

    /// Performs an experiment effect; for a change, how to take it back.
    pub(super) fn apply_experiment(&mut self, effect: Effect) -> StoreResult<Option<Change>> {
        let t = &content::experiments().tui;
        let today = self.state.clock.today();
        let now = self.state.clock.now();
        let label = |store: &crate::Store, id: &str| {
            store
                .experiment(id)
                .map(|e| e.factor_label())
                .unwrap_or_default()
        };
        match effect {
            Effect::StartExperiment(plan, confirmed) => {
                let e = plan.build(
                    new_id(),
                    self.state.clock.now(),
                    &mut fastrand::Rng::new(),
                    confirmed,
                );
                self.store.start_experiment(&e, today, now)?;
                let what = fill(&t.what_started, &[("factor", &e.factor_label())]);
                Self::changed(vec![Effect::RemoveExperiment(e.id)], what)
            }
            Effect::RemoveExperiment(id) => {
                self.store.delete_experiment(&id, now)?;
                Ok(None)
            }
            Effect::PauseExperiment(id, on) => {
                let before = self.store.experiment(&id)?.pauses;
                self.store.pause_experiment(&id, on, now)?;
                Self::changed(
                    vec![Effect::SetExperimentPauses(id, before)],
                    t.what_paused.clone(),
                )
            }
            Effect::ResumeExperiment(id, on) => {
                let before = self.store.experiment(&id)?.pauses;
                self.store.resume_experiment(&id, on, now)?;
                Self::changed(
                    vec![Effect::SetExperimentPauses(id, before)],
                    t.what_resumed.clone(),
                )
            }
            Effect::SetExperimentPauses(id, pauses) => {
                self.store.set_experiment_pauses(&id, &pauses, now)?;
                Ok(None)
            }
            Effect::SetExperimentExtension(id, days) => {
                let before = self.store.experiment(&id)?.extended_days;
                self.store.set_experiment_extension(&id, days, now)?;
                if days <= before {
                    return Ok(None);
                }
                let what = fill(&t.what_extended, &[("days", &(days - before).to_string())]);
                Self::changed(vec![Effect::SetExperimentExtension(id, before)], what)
            }
            Effect::SetExperimentEnd(id, on) => {
                let before = self.store.experiment(&id)?;
                self.store.set_experiment_end(&id, on, today, now)?;
                if on.is_none() {
                    // Undo of an end: put back any pause the end closed.
                    self.store.set_experiment_pauses(&id, &before.pauses, now)?;
                    return Ok(None);
                }
                let what = format!("{} ({})", t.what_ended, label(&self.store, &id));
                Self::changed(
                    vec![
                        Effect::SetExperimentEnd(id.clone(), None),
                        Effect::SetExperimentPauses(id, before.pauses),
                    ],
                    what,
                )
            }
            _ => Ok(None),
        }
    }

    /// The running experiment and its line for the edited date, always;
    /// its timeline and verdict when its page is shown; finished
    /// experiments' verdicts when Insights is.
    pub(super) fn reload_experiment(&mut self) -> StoreResult<()> {
        let today = self.state.clock.today();
        let current = self.store.current_experiment(today)?;
        let s = &mut self.state;
        s.experiment.active = current
            .as_ref()
            .is_some_and(|e| e.status(today).is_active());
        s.experiment.today_line = current
            .as_ref()
            .filter(|_| s.experiment.active)
            .and_then(|e| today_line(e, s.date, today));
        s.experiment.report = match (&current, s.screen, s.experiment.page) {
            (Some(e), super::action::Screen::Plan, true) => {
                Some(self.store.experiment_report(e, today)?)
            }
            _ => None,
        };
        s.experiment.current = current;
        if s.screen == super::action::Screen::Insights {
            let mut reports = Vec::new();
            for e in self.store.experiments()? {
                reports.push(self.store.experiment_report(&e, today)?);
            }
            self.state.experiment.results = pair_results(&reports);
        }
        Ok(())
    }

    /// After a meal, medicine or check-in is saved: if it has what the
    /// running experiment leaves out that day, say that it counts as a
    /// deviation (after what was saved).
    pub(super) fn warn_deviation(&mut self, logged: Option<LoggedCopy>) -> StoreResult<()> {
        let Some(logged) = logged else {
            return Ok(());
        };
        let today = self.state.clock.today();
        let Some(e) = self.store.active_experiment(today)? else {
            return Ok(());
        };
        let view = match &logged {
            LoggedCopy::Meal(m) => Logged::Meal(m),
            LoggedCopy::Intake(i) => Logged::Intake(i),
            LoggedCopy::CheckIn(c) => Logged::CheckIn(c),
        };
        if let Some(w) = deviation_warning(&e, view, &self.store.food_book()?, today) {
            let line = fill(&content::experiments().tui.deviation, &[("warning", &w)]);
            let text = match &self.state.message {
                Some(m) if !m.error => format!("{} · {line}", m.text),
                _ => line,
            };
            self.state.error(text);
        }
        Ok(())
    }
}
