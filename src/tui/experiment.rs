//! Experiments on the check-in screen: opening and submitting the form that
//! starts one (`experiment_form`; also opened, prefilled, by "test this" on
//! an Insights finding), and what the keys of the Plan screen's experiment
//! page do. Pure: actions in, state changes and effects out; the schedule
//! is drawn on the effects side.

use super::action::{Action, Effect, Screen};
use super::keymap::{key_for, Context};
use super::state::{Modal, PromptFor, State};
use crate::content::{self, fill};
use crate::domain::experiment::check_extend;
use crate::domain::factor::Factor;

pub use super::experiment_form::{ExperimentField, ExperimentForm};

/// Opens the start form (refused, with a message, while one runs).
pub fn open_form(s: &mut State, factor: &str, symptom: &str) {
    let t = &content::experiments().tui;
    if s.experiment.active {
        let label = s
            .experiment
            .current
            .as_ref()
            .map(|e| e.factor_label())
            .unwrap_or_default();
        s.error(fill(&t.running_already, &[("factor", &label)]));
        return;
    }
    s.modal = Some(Modal::Experiment(Box::new(ExperimentForm::new(
        factor, symptom,
    ))));
}

/// "Test this" on the selected finding: the experiment page with the form
/// filled in with the finding's factor and symptom.
pub fn test_this(s: &mut State) -> Vec<Effect> {
    let Some(f) = s
        .insights
        .review
        .as_ref()
        .and_then(|r| r.findings.get(s.insights.cursor))
    else {
        return Vec::new();
    };
    let (factor, symptom, label) = (f.factor.clone(), f.symptom.clone(), f.factor_label.clone());
    if Factor::from_id(&factor).is_none_or(|f| !f.testable()) {
        s.error(format!("{label} cannot be tested by an experiment"));
        return Vec::new();
    }
    s.modal = None;
    s.screen = Screen::Plan;
    s.experiment.page = true;
    open_form(s, &factor, &symptom);
    vec![Effect::Reload]
}

/// The form's Enter: start, or first ask to confirm the coeliac-testing
/// advice when the factor leaves out gluten.
pub fn submit(s: &mut State, mut form: Box<ExperimentForm>) -> Vec<Effect> {
    match form.submit(&s.food_book, &s.custom_symptoms, s.clock.today()) {
        Ok(plan) => {
            if plan.factor.leaves_out_gluten(&s.food_book) {
                let question = fill(
                    &content::experiments().tui.coeliac_question,
                    &[
                        ("coeliac", &content::notes().coeliac_first.cited()),
                        ("factor", &plan.factor.label()),
                    ],
                );
                s.modal = Some(Modal::Confirm {
                    question,
                    on_yes: vec![Effect::StartExperiment(Box::new(plan), true)],
                });
                Vec::new()
            } else {
                vec![Effect::StartExperiment(Box::new(plan), false)]
            }
        }
        Err((field, e)) => {
            // The cursor goes to the field to fix.
            if let Some(f) = field {
                form.focus = f;
            }
            s.error(e);
            s.modal = Some(Modal::Experiment(form));
            Vec::new()
        }
    }
}

fn not_running(s: &mut State) {
    let start = key_for(Context::Experiment, &Action::StartExperiment);
    s.info(fill(
        &content::experiments().tui.not_running,
        &[("start", &start)],
    ));
}

/// The keys of the experiment page.
pub fn update_page(s: &mut State, action: &Action) -> Vec<Effect> {
    let today = s.clock.today();
    let active = s.experiment.current.clone().filter(|_| s.experiment.active);
    match action {
        Action::ExperimentPage => {
            s.experiment.page = false;
            return vec![Effect::Reload];
        }
        Action::StartExperiment => open_form(s, "", ""),
        Action::ExperimentResult if s.offers(action) => {
            s.modal = Some(Modal::ExperimentResult { scroll: 0 })
        }
        Action::ExperimentResult => not_running(s),
        Action::PauseExperiment => match active {
            Some(e) if e.open_pause().is_some() => {
                return vec![Effect::ResumeExperiment(e.id, today)]
            }
            Some(e) => return vec![Effect::PauseExperiment(e.id, today)],
            None => not_running(s),
        },
        Action::ExtendExperiment => match active {
            Some(_) => s.prompt(PromptFor::ExtendExperiment, "7"),
            None => not_running(s),
        },
        Action::EndExperiment => match active {
            Some(e) => {
                let t = &content::experiments().tui;
                let planned = e.planned_end(today);
                let early = if today < planned {
                    &t.end_early
                } else {
                    &t.end_complete
                };
                s.modal = Some(Modal::Confirm {
                    question: fill(
                        &t.end_question,
                        &[("factor", &e.factor_label()), ("early", early)],
                    ),
                    on_yes: vec![Effect::SetExperimentEnd(e.id, Some(today.min(planned)))],
                });
            }
            None => not_running(s),
        },
        _ => {}
    }
    Vec::new()
}

/// The extend prompt's Enter.
pub fn extend(s: &mut State, text: &str) -> Result<Vec<Effect>, String> {
    let Some(e) = s.experiment.current.clone().filter(|_| s.experiment.active) else {
        return Ok(Vec::new());
    };
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{}' is not a whole number of days", text.trim()))?;
    let n = check_extend(&e, n).map_err(|e| e.to_string())?;
    Ok(vec![Effect::SetExperimentExtension(
        e.id.clone(),
        e.extended_days + n,
    )])
}

/// The result overlay's keys.
pub fn update_result(s: &mut State, scroll: u16, action: &Action) {
    match action {
        Action::Close => {}
        Action::Down => {
            s.modal = Some(Modal::ExperimentResult {
                scroll: scroll.saturating_add(3),
            })
        }
        Action::Up => {
            s.modal = Some(Modal::ExperimentResult {
                scroll: scroll.saturating_sub(3),
            })
        }
        _ => s.modal = Some(Modal::ExperimentResult { scroll }),
    }
}
