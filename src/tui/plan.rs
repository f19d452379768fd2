//! The Plan screen's state changes: ticking plan days and daily habits,
//! starting a run (after confirmation) and the day-7 reflection.

use super::action::{Action, Effect};
use super::keymap::{key_for, Context};
use super::state::{Modal, PromptFor, State};
use crate::content::{self, fill, tui_text};
use crate::domain::habits::{check_day, Kept};
use crate::domain::{PlanRun, PLAN_DAYS};

pub fn rows() -> usize {
    PLAN_DAYS as usize + content::plan().habits.len()
}

fn start_first(s: &mut State) {
    let key = key_for(Context::Plan, &Action::StartPlan);
    s.info(fill(&tui_text().start_plan_first, &[("start", &key)]));
}

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    // The experiment page has its own keys (`experiment.rs`).
    if s.experiment.page {
        return super::experiment::update_page(s, action);
    }
    let c = s.plan_ui.cursor;
    match action {
        Action::ExperimentPage => {
            s.experiment.page = true;
            return vec![Effect::Reload];
        }
        Action::Up => s.plan_ui.cursor = c.saturating_sub(1),
        Action::Down => s.plan_ui.cursor = (c + 1).min(rows() - 1),
        Action::StartPlan => {
            let t = tui_text();
            let question = if s.plan.is_some() {
                &t.plan_restart_question
            } else {
                &t.plan_start_question
            };
            s.modal = Some(Modal::Confirm {
                question: question.clone(),
                on_yes: vec![Effect::StartPlan(s.clock.today())],
            });
        }
        Action::Reflect => match &s.plan {
            Some(run) => {
                let text = run.reflection.clone().unwrap_or_default();
                s.prompt(PromptFor::Reflection, &text);
            }
            None => start_first(s),
        },
        Action::Toggle | Action::Enter if c < PLAN_DAYS as usize => match s.plan.clone() {
            Some(run) => return tick(s, &run, c as u8 + 1),
            None => start_first(s),
        },
        Action::Toggle | Action::Enter => {
            let checks = check_day(&s.day);
            if let Some(h) = checks.get(c - PLAN_DAYS as usize) {
                match h.kept {
                    Kept::FromData => s.info(tui_text().already_from_data.clone()),
                    Kept::ByHand => return vec![Effect::SetHabit(s.date, h.id.clone(), false)],
                    Kept::No => return vec![Effect::SetHabit(s.date, h.id.clone(), true)],
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Ticks (at the clock's time) or unticks a plan day. Ticking the last day
/// asks for the run's reflection note (when there is none yet).
pub fn tick(s: &mut State, run: &PlanRun, day: u8) -> Vec<Effect> {
    let on = !run.is_ticked(day);
    if on && day == PLAN_DAYS && run.reflection.is_none() {
        s.prompt(PromptFor::Reflection, "");
    }
    let at = on.then(|| s.clock.now());
    vec![Effect::TickPlan(run.id.clone(), day, at)]
}
