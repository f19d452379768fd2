//! The Plan screen's state changes: ticking plan days and healing habits,
//! starting a run (after confirmation) and the day-7 reflection.

use super::action::{Action, Effect};
use super::state::{Modal, PromptFor, State};
use crate::content;
use crate::domain::habits::{check_day, Kept};
use crate::domain::{PlanRun, PLAN_DAYS};

pub fn rows() -> usize {
    PLAN_DAYS as usize + content::plan().habits.len()
}

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let c = s.plan_ui.cursor;
    match action {
        Action::Up => s.plan_ui.cursor = c.saturating_sub(1),
        Action::Down => s.plan_ui.cursor = (c + 1).min(rows() - 1),
        Action::StartPlan => {
            let question = if s.plan.is_some() {
                "Restart the 7-day plan today? The current run is kept in your history."
            } else {
                "Start the 7-day plan today?"
            };
            s.modal = Some(Modal::Confirm {
                question: question.into(),
                on_yes: Effect::StartPlan(s.clock.today()),
            });
        }
        Action::Reflect => match &s.plan {
            Some(run) => {
                let text = run.reflection.clone().unwrap_or_default();
                super::update::prompt(s, PromptFor::Reflection, &text);
            }
            None => s.info("Start the plan first: press s."),
        },
        Action::Toggle | Action::Enter if c < PLAN_DAYS as usize => match s.plan.clone() {
            Some(run) => return tick(s, &run, c as u8 + 1),
            None => s.info("Start the plan first: press s."),
        },
        Action::Toggle | Action::Enter => {
            let checks = check_day(&s.day);
            if let Some(h) = checks.get(c - PLAN_DAYS as usize) {
                match h.kept {
                    Kept::FromData => s.info("Already ticked from what you logged today."),
                    Kept::ByHand => return vec![Effect::SetHabit(s.date, h.id.clone(), false)],
                    Kept::No => return vec![Effect::SetHabit(s.date, h.id.clone(), true)],
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Ticks or unticks a plan day. Ticking the last day asks for the run's
/// reflection note (when there is none yet).
pub fn tick(s: &mut State, run: &PlanRun, day: u8) -> Vec<Effect> {
    let on = !run.is_ticked(day);
    if on && day == PLAN_DAYS && run.reflection.is_none() {
        super::update::prompt(s, PromptFor::Reflection, "");
    }
    vec![Effect::TickPlan(run.id.clone(), day, on)]
}
