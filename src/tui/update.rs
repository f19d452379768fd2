//! `update(state, action)`: the one place state changes. Pure: store work
//! comes back as effects for the loop to perform, and "now" arrives as
//! `Action::Tick` from the loop, never from the wall clock.

use super::action::{Action, Effect, Screen};
use super::checkin::{typed, Typed};
use super::field::edit_field;
use super::forms::{MealForm, MealHelp};
use super::profile::ProfileForm;
use super::state::{Modal, Prompt, PromptFor, State};
use super::{experiment, guide, help, insights, journal, plan, today};
use crate::content::{fill, tui_text};
use crate::domain::{new_symptom_id, parse_symptom, CheckIn, Clock, RedFlagEntry};
use chrono::Duration;

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = match action {
        Action::Tick(now) => {
            s.clock = Clock::fixed(now);
            Vec::new()
        }
        Action::Resize(w, h) => {
            s.size = (w, h);
            guide::clamp_scroll(s);
            help::clamp_scroll(s);
            Vec::new()
        }
        Action::ForceQuit => {
            s.quit = true;
            Vec::new()
        }
        _ if s.help.is_some() => {
            help::update(s, &action);
            Vec::new()
        }
        Action::Help => {
            s.help = Some(Default::default());
            Vec::new()
        }
        _ if s.modal.is_some() => update_modal(s, action),
        _ => {
            // A new key clears the last message unless it sets one.
            s.message = None;
            update_screen(s, action)
        }
    };
    effects.extend(midnight(s));
    effects
}

/// At midnight a screen showing "today" moves to the new today, once no
/// form is open (an open form keeps the date it was opened for).
fn midnight(s: &mut State) -> Vec<Effect> {
    let today = s.clock.today();
    if today == s.seen_today || s.modal.is_some() {
        return Vec::new();
    }
    let was_today = s.date == s.seen_today;
    s.seen_today = today;
    if !was_today {
        return Vec::new();
    }
    s.date = today;
    let date = today.format("%a %-d %b").to_string();
    s.info(fill(&tui_text().midnight, &[("date", &date)]));
    vec![Effect::Reload]
}

fn update_screen(s: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => s.quit = true,
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
        Action::PrevDay => return s.go_to(s.date - Duration::days(1)),
        Action::NextDay => {
            if s.date >= s.clock.today() {
                s.info(tui_text().no_later_day.clone());
            } else {
                return s.go_to(s.date + Duration::days(1));
            }
        }
        Action::GoToday => return s.go_to(s.clock.today()),
        Action::Undo => match s.undo.pop() {
            Some(step) => return vec![Effect::Undo(step)],
            None => s.info(tui_text().nothing_to_undo.clone()),
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
        if let Some(day) = s.plan_day() {
            s.plan_ui.cursor = day as usize - 1;
        }
    }
    s.screen = screen;
    vec![Effect::Reload]
}

fn meal_help(s: &State) -> MealHelp<'_> {
    MealHelp {
        book: &s.food_book,
        history: &s.food_history,
        usual: &s.usual_times,
        now: s.clock.now(),
    }
}

fn update_modal(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(modal) = s.modal.take() else {
        return Vec::new();
    };
    let t = tui_text();
    match modal {
        Modal::Welcome => match action {
            // Stay on Today: the first evening is for logging; the plan's
            // step shows there, and 3 opens the whole plan.
            Action::StartPlan => return vec![Effect::StartPlan(s.clock.today())],
            Action::Help => s.help = Some(Default::default()),
            Action::Close => {}
            _ => s.modal = Some(Modal::Welcome),
        },
        Modal::Confirm { question, on_yes } => match action {
            Action::Yes => return on_yes,
            Action::No => s.info(t.kept.clone()),
            _ => s.modal = Some(Modal::Confirm { question, on_yes }),
        },
        Modal::Finding { scroll } => {
            let n = s.insights.review.as_ref().map_or(0, |r| r.findings.len());
            let c = &mut s.insights.cursor;
            match action {
                Action::Close => return Vec::new(),
                Action::TestThis => return experiment::test_this(s),
                Action::Down => *c = (*c + 1).min(n.saturating_sub(1)),
                Action::Up => *c = c.saturating_sub(1),
                _ => {}
            }
            s.modal = Some(Modal::Finding { scroll });
        }
        Modal::RedFlags { cursor } => {
            // The questions for this profile (and any ticked this day).
            let flags = s.red_flag_questions();
            let n = flags.len();
            let cursor = cursor.min(n.saturating_sub(1));
            match action {
                Action::Close => return Vec::new(),
                Action::Down => {
                    s.modal = Some(Modal::RedFlags {
                        cursor: (cursor + 1).min(n.saturating_sub(1)),
                    })
                }
                Action::Up => {
                    s.modal = Some(Modal::RedFlags {
                        cursor: cursor.saturating_sub(1),
                    })
                }
                Action::Toggle => {
                    s.modal = Some(Modal::RedFlags { cursor });
                    let Some(flag) = flags.get(cursor).map(|f| f.id.clone()) else {
                        return Vec::new();
                    };
                    let ticked = s.day.red_flags.contains(&flag);
                    return vec![Effect::SetRedFlag(
                        RedFlagEntry { date: s.date, flag },
                        !ticked,
                    )];
                }
                Action::Profile => s.modal = Some(Modal::Profile(ProfileForm::new(&s.profile))),
                _ => s.modal = Some(Modal::RedFlags { cursor }),
            }
        }
        // Back to the questions either way, to see which are asked now.
        Modal::Profile(mut form) => match action {
            Action::Close => {
                if form.submit(s.clock.today()).ok() != Some(s.profile) {
                    s.info(t.not_saved.clone());
                }
                s.modal = Some(Modal::RedFlags { cursor: 0 });
            }
            Action::Enter => match form.submit(s.clock.today()) {
                Ok(p) => {
                    s.modal = Some(Modal::RedFlags { cursor: 0 });
                    return vec![Effect::SetProfile(p)];
                }
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Profile(form));
                }
            },
            other => {
                form.handle(&other);
                s.modal = Some(Modal::Profile(form));
            }
        },
        Modal::Jump(mut typed) => match action {
            Action::Close => {}
            Action::Enter => {}
            other => {
                edit_field(&mut typed, &other);
                let matches = today::jump_matches(s, typed.text());
                if typed.text().is_empty() {
                    s.message = None;
                } else if let Some(first) = matches.first() {
                    if let Some(i) = s.today.rows.position(super::rows::Row::Symptom(*first)) {
                        s.today.cursor = i;
                    }
                    s.message = None;
                    if matches.len() == 1 {
                        return Vec::new();
                    }
                } else {
                    s.error(fill(&t.jump_none, &[("typed", typed.text())]));
                }
                s.modal = Some(Modal::Jump(typed));
            }
        },
        Modal::Number(mut entry) => match action {
            Action::Close => s.info(t.not_saved.clone()),
            Action::Enter | Action::Up => match today::submit_number(s, &entry) {
                Ok(effects) => {
                    let n = s.today.rows.len();
                    s.today.cursor = if action == Action::Up {
                        s.today.cursor.saturating_sub(1)
                    } else {
                        (s.today.cursor + 1).min(n.saturating_sub(1))
                    };
                    return effects;
                }
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Number(entry));
                }
            },
            Action::Type(c) if !(c.is_ascii_digit() || c == '.') => {
                s.modal = Some(Modal::Number(entry))
            }
            other => {
                edit_field(&mut entry.text, &other);
                // A value no further key could change is saved at once; one
                // that can never be valid says why straight away.
                match typed(entry.field, entry.text.text(), s.config.water_unit.value) {
                    Typed::Complete => {
                        if let Ok(effects) = today::submit_number(s, &entry) {
                            let n = s.today.rows.len();
                            s.today.cursor = (s.today.cursor + 1).min(n.saturating_sub(1));
                            return effects;
                        }
                    }
                    Typed::Invalid => {
                        if let Err(e) = today::submit_number(s, &entry) {
                            s.error(e);
                        }
                    }
                    Typed::Partial => s.message = None,
                }
                s.modal = Some(Modal::Number(entry));
            }
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
                if let Some(m) = s.recent_meals.get(cursor).cloned() {
                    let form = MealForm::repeat(s.date, &m, &meal_help(s));
                    s.modal = Some(Modal::Meal(Box::new(form)));
                }
            }
            Action::Close => {}
            _ => s.modal = Some(Modal::Repeat { cursor }),
        },
        Modal::Meal(mut form) => match action {
            // An untouched form (say, the next meal offered) closes quietly.
            Action::Close if form.foods.text().trim().is_empty() => {}
            Action::Close => s.info(t.not_saved.clone()),
            Action::Enter => {
                let result = form.submit(&meal_help(s));
                match result {
                    Ok((meal, remember)) if form.editing.is_some() => {
                        return vec![Effect::UpdateMeal(meal, remember)];
                    }
                    Ok((meal, remember)) => {
                        // Catching up on the day: the next meal not logged yet.
                        let offered = form.catch_up == Some(meal.slot) && !form.slot_by_hand;
                        if offered && form.date == s.date {
                            s.modal = today::next_catch_up(s, meal.slot)
                                .map(|f| Modal::Meal(Box::new(f)));
                        }
                        return vec![Effect::AddMeal(meal, remember)];
                    }
                    Err(e) => {
                        s.error(e);
                        s.modal = Some(Modal::Meal(form));
                    }
                }
            }
            Action::CopyYesterday => {
                s.modal = Some(Modal::Meal(form));
                return vec![Effect::FillMealFromYesterday];
            }
            other => {
                form.handle(&other, &meal_help(s));
                s.modal = Some(Modal::Meal(form));
            }
        },
        Modal::Stool(mut form) => match action {
            Action::Close => s.info(t.not_saved.clone()),
            Action::Enter => match form.submit(s.clock.now()) {
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
            Action::Close => s.info(t.not_saved.clone()),
            Action::Enter => match form.submit(s.clock.now()) {
                Ok(intake) => return vec![Effect::AddIntake(intake)],
                Err(e) => {
                    s.error(e);
                    s.modal = Some(Modal::Intake(form));
                }
            },
            other => {
                form.handle(&other);
                s.modal = Some(Modal::Intake(form));
            }
        },
        Modal::Experiment(mut form) => match action {
            Action::Close => s.info(t.not_saved.clone()),
            Action::Enter => return experiment::submit(s, form),
            other => {
                form.handle(&other);
                s.modal = Some(Modal::Experiment(form));
            }
        },
        Modal::ExperimentResult { scroll } => experiment::update_result(s, scroll, &action),
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
                .unwrap_or_else(|| CheckIn::empty(p.date));
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
        PromptFor::ExtendExperiment => match experiment::extend(s, &text) {
            Ok(effects) => effects,
            Err(e) => {
                s.error(e);
                s.modal = Some(Modal::Prompt(p));
                Vec::new()
            }
        },
        PromptFor::NewSymptom => {
            if let Ok(id) = parse_symptom(&text, &s.custom_symptoms) {
                s.today.focus_symptom = Some(id);
                return Vec::new();
            }
            match new_symptom_id(&text) {
                Ok(id) => {
                    s.today.focus_symptom = Some(id.clone());
                    vec![Effect::AddCustomSymptom(id)]
                }
                Err(e) => {
                    s.error(e.to_string());
                    s.modal = Some(Modal::Prompt(p));
                    Vec::new()
                }
            }
        }
    }
}
