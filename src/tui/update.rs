//! `update(state, action)`: the one place state changes. Pure: store work
//! comes back as effects for the loop to perform.

use super::action::{Action, Effect, Screen};
use super::field::TextField;
use super::forms::edit_field;
use super::state::{Modal, Prompt, PromptFor, State};
use super::{guide, insights, journal, plan, today};
use crate::domain::{new_id, Meal};
use chrono::Duration;

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    if let Action::Resize(w, h) = action {
        s.size = (w, h);
        return Vec::new();
    }
    if action == Action::ForceQuit {
        s.quit = true;
        return Vec::new();
    }
    if s.modal.is_some() {
        return update_modal(s, action);
    }
    // A new key clears the last message unless it sets one.
    s.message = None;
    match action {
        Action::Quit => s.quit = true,
        Action::Help => s.modal = Some(Modal::Help { scroll: 0 }),
        Action::Show(screen) => return show(s, screen),
        Action::NextScreen | Action::PrevScreen => {
            let all = Screen::ALL;
            let i = all.iter().position(|x| *x == s.screen).unwrap_or(0);
            let n = all.len();
            let j = if action == Action::NextScreen {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            return show(s, all[j]);
        }
        Action::PrevDay => return go_to(s, s.date - Duration::days(1)),
        Action::NextDay => return go_to(s, s.date + Duration::days(1)),
        Action::GoToday => return go_to(s, s.clock.today()),
        Action::Undo => match s.undo.take() {
            Some(d) => return vec![Effect::Restore(d)],
            None => s.info("Nothing to undo."),
        },
        other => {
            return match s.screen {
                Screen::Today => today::update(s, &other),
                Screen::Journal => journal::update(s, &other),
                Screen::Plan => plan::update(s, &other),
                Screen::Insights => insights::update(s, &other),
                Screen::Guide => {
                    guide::update(s, &other);
                    Vec::new()
                }
            }
        }
    }
    Vec::new()
}

fn show(s: &mut State, screen: Screen) -> Vec<Effect> {
    if screen == Screen::Plan && s.screen != Screen::Plan {
        // Open on today's plan day.
        if let Some(day) = s.plan.as_ref().and_then(|p| p.day_on(s.date)) {
            s.plan_ui.cursor = day as usize - 1;
        }
    }
    s.screen = screen;
    vec![Effect::Reload]
}

pub fn go_to(s: &mut State, date: chrono::NaiveDate) -> Vec<Effect> {
    s.date = date;
    vec![Effect::Reload]
}

fn update_modal(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(modal) = s.modal.take() else {
        return Vec::new();
    };
    match modal {
        Modal::Help { scroll } => match action {
            Action::Close | Action::Help => {}
            Action::Up => {
                s.modal = Some(Modal::Help {
                    scroll: scroll.saturating_sub(1),
                })
            }
            Action::Down => s.modal = Some(Modal::Help { scroll: scroll + 1 }),
            _ => s.modal = Some(Modal::Help { scroll }),
        },
        Modal::Welcome => match action {
            // Stay on Today: the first evening is for logging; the plan's
            // step shows there, and 3 opens the whole plan.
            Action::StartPlan => return vec![Effect::StartPlan(s.clock.today())],
            Action::Help => s.modal = Some(Modal::Help { scroll: 0 }),
            Action::Close => {}
            _ => s.modal = Some(Modal::Welcome),
        },
        Modal::Confirm { question, on_yes } => match action {
            Action::Yes => return vec![on_yes],
            Action::No => s.info("Kept."),
            _ => s.modal = Some(Modal::Confirm { question, on_yes }),
        },
        Modal::Repeat { cursor } => match action {
            Action::Up => {
                s.modal = Some(Modal::Repeat {
                    cursor: cursor.saturating_sub(1),
                })
            }
            Action::Down => {
                let max = s.recent_meals.len().saturating_sub(1);
                s.modal = Some(Modal::Repeat {
                    cursor: (cursor + 1).min(max),
                })
            }
            Action::Enter => {
                if let Some(m) = s.recent_meals.get(cursor) {
                    let at = s.at_now();
                    let meal = Meal {
                        id: new_id(),
                        at,
                        slot: crate::domain::Slot::for_time(at),
                        foods: m.foods.clone(),
                        tags: m.tags.clone(),
                        note: None,
                    };
                    return vec![Effect::AddMeal(meal, Vec::new())];
                }
            }
            Action::Close => {}
            _ => s.modal = Some(Modal::Repeat { cursor }),
        },
        Modal::Meal(mut form) => match action {
            Action::Close => s.info("Not saved."),
            Action::Enter => match form.submit(s.date, &s.food_book) {
                Ok((meal, remember)) => {
                    return vec![if form.editing.is_some() {
                        Effect::UpdateMeal(meal)
                    } else {
                        Effect::AddMeal(meal, remember)
                    }];
                }
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Meal(form));
                }
            },
            other => {
                form.handle(&other, &s.food_book, &s.food_history);
                s.modal = Some(Modal::Meal(form));
            }
        },
        Modal::Stool(mut form) => match action {
            Action::Close => s.info("Not saved."),
            Action::Enter => match form.submit(s.date) {
                Ok(stool) => return vec![Effect::AddStool(stool)],
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Stool(form));
                }
            },
            other => {
                form.handle(&other);
                s.modal = Some(Modal::Stool(form));
            }
        },
        Modal::Intake(mut form) => match action {
            Action::Close => s.info("Not saved."),
            Action::Enter => match form.submit() {
                Ok(intake) => return vec![Effect::AddIntake(intake)],
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Intake(form));
                }
            },
            other => {
                edit_field(&mut form.name, &other);
                s.modal = Some(Modal::Intake(form));
            }
        },
        Modal::Prompt(mut p) => match action {
            Action::Close => {}
            Action::Enter => return submit_prompt(s, p),
            other => {
                edit_field(&mut p.field, &other);
                s.modal = Some(Modal::Prompt(p));
            }
        },
    }
    Vec::new()
}

fn submit_prompt(s: &mut State, p: Prompt) -> Vec<Effect> {
    let text = p.field.text().trim().to_string();
    let value = Some(text.clone()).filter(|t| !t.is_empty());
    match p.purpose {
        PromptFor::CheckInNote => {
            let mut c = s
                .day
                .checkin
                .clone()
                .unwrap_or_else(|| crate::domain::CheckIn::empty(s.date));
            c.note = value;
            vec![Effect::PutCheckIn(c)]
        }
        PromptFor::Reflection => match &s.plan {
            Some(run) => vec![Effect::SetReflection(run.id.clone(), value)],
            None => Vec::new(),
        },
        PromptFor::Search => match value {
            Some(q) => vec![Effect::Search(q)],
            None => {
                s.journal.query = None;
                s.journal.results.clear();
                Vec::new()
            }
        },
    }
}

/// Opens a one-line text prompt.
pub fn prompt(s: &mut State, purpose: PromptFor, text: &str) {
    s.modal = Some(Modal::Prompt(Prompt {
        purpose,
        field: TextField::new(text),
    }));
}
