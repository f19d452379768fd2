//! What each key does on each kind of Today row. Pure: returns effects.

use super::action::{Action, Effect};
use super::checkin::{step_checkin, CheckField};
use super::field::TextField;
use super::forms::{IntakeForm, MealForm, StoolForm};
use super::keymap::{key_for, Context};
use super::rows::{Row, Section};
use super::state::{Modal, NumberEntry, PromptFor, State};
use crate::content::{fill, tui_text};
use crate::domain::{
    new_id, symptom_name, Bristol, CheckIn, Intake, IntakeKind, Severity, Slot, SymptomRating,
};
use chrono::Duration;

fn checkin(s: &State) -> CheckIn {
    s.day
        .checkin
        .clone()
        .unwrap_or_else(|| CheckIn::empty(s.date))
}

/// The meal form for a new meal: the first meal of the day not yet logged
/// (at its usual time), or the slot of now.
pub fn new_meal_form(s: &State) -> MealForm {
    let logged: Vec<Slot> = s.day.meals.iter().map(|m| m.slot).collect();
    meal_form_after(s, &logged)
}

/// The meal form offered when `logged` slots are in the day.
fn meal_form_after(s: &State, logged: &[Slot]) -> MealForm {
    let (slot, time) = s.usual_times.next_meal(logged, s.date, s.clock.now());
    let mut form = MealForm::new(s.date, slot, time);
    form.catch_up = s
        .usual_times
        .catch_up(logged, s.date, s.clock.now())
        .map(|(slot, _)| slot);
    form
}

/// After a catch-up meal is saved, the next meal of the day not logged
/// yet, if any: logging the day's meals in the evening is foods and Enter.
pub fn next_catch_up(s: &State, saved: Slot) -> Option<MealForm> {
    let mut logged: Vec<Slot> = s.day.meals.iter().map(|m| m.slot).collect();
    logged.push(saved);
    let form = meal_form_after(s, &logged);
    form.catch_up.is_some().then_some(form)
}

fn move_down(s: &mut State) {
    s.today.cursor = (s.today.cursor + 1).min(s.today.rows.len().saturating_sub(1));
}

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let n = s.today.rows.len();
    s.today.cursor = s.today.cursor.min(n.saturating_sub(1));
    let row = s.row().unwrap_or(Row::NoMeals);
    match action {
        Action::Up => s.today.cursor = s.today.cursor.saturating_sub(1),
        Action::Down => move_down(s),
        Action::PageDown => {
            let sec = row.section();
            if let Some(i) = s.today.rows.rows[s.today.cursor..]
                .iter()
                .position(|r| r.section() != sec)
            {
                s.today.cursor += i;
            }
        }
        Action::PageUp => s.today.cursor = section_start_before(s),
        Action::JumpTo(sec) => {
            if let Some(i) = s.today.rows.first_of(*sec) {
                s.today.cursor = i;
            }
        }
        Action::SymptomJump => s.modal = Some(Modal::Jump(TextField::default())),
        Action::RedFlags => {
            if let Some(i) = s.today.rows.first_of(Section::RedFlags) {
                s.today.cursor = i;
            }
            s.modal = Some(Modal::RedFlags { cursor: 0 });
        }
        Action::Digit(d) => return digit(s, row, *d),
        Action::Plus | Action::Minus | Action::Clear => {
            if let Row::CheckIn(f) = row {
                return change_checkin(s, f, action);
            }
        }
        Action::CopyYesterday => {
            return vec![Effect::CopyCheckIn {
                from: s.date - Duration::days(1),
                to: s.date,
            }]
        }
        Action::RateRestNone => return rate_rest_none(s),
        Action::Toggle => return toggle(s, row),
        Action::Enter => match row {
            Row::Meal(i) => {
                s.modal = Some(Modal::Meal(Box::new(MealForm::edit(&s.day.meals[i]))));
            }
            Row::CheckIn(CheckField::Note) => {
                let note = s.day.checkin.as_ref().and_then(|c| c.note.clone());
                s.prompt(PromptFor::CheckInNote, note.as_deref().unwrap_or(""));
            }
            Row::RedFlags => s.modal = Some(Modal::RedFlags { cursor: 0 }),
            Row::PlanStep => return toggle(s, row),
            _ => {}
        },
        Action::Add => {
            s.modal = Some(match row.section() {
                Section::Stools => Modal::Stool(StoolForm::new(s.at_now())),
                Section::Intakes => Modal::Intake(IntakeForm::new(s.at_now())),
                Section::Symptoms => {
                    s.prompt(PromptFor::NewSymptom, "");
                    return Vec::new();
                }
                _ => Modal::Meal(Box::new(new_meal_form(s))),
            });
        }
        Action::Repeat => {
            s.modal = Some(Modal::Repeat { cursor: 0 });
            return vec![Effect::LoadRecentMeals];
        }
        Action::Delete => return delete(s, row),
        Action::HideReminder => s.notes.hidden = s.notes.empty_yesterday,
        _ => {}
    }
    Vec::new()
}

/// Start of this section, or of the previous one when already there.
fn section_start_before(s: &State) -> usize {
    let rows = &s.today.rows.rows;
    let here = s.today.cursor;
    let mut i = here;
    while i > 0 && rows[i - 1].section() == rows[here].section() {
        i -= 1;
    }
    if i == here && i > 0 {
        let sec = rows[i - 1].section();
        i -= 1;
        while i > 0 && rows[i - 1].section() == sec {
            i -= 1;
        }
    }
    i
}

/// A digit: rates a symptom or sets mood/energy/stress and moves on; starts
/// typing sleep, water or movement; logs a stool of that Bristol type.
fn digit(s: &mut State, row: Row, d: u8) -> Vec<Effect> {
    match row {
        Row::Symptom(i) => {
            let effects = set_symptom(s, i, d);
            move_down(s);
            effects
        }
        Row::CheckIn(f) if f.is_scale() => {
            let effects = change_checkin(s, f, &Action::Digit(d));
            move_down(s);
            effects
        }
        Row::CheckIn(f) if f.is_number() => {
            let entry = NumberEntry {
                field: f,
                text: TextField::new(&d.to_string()),
            };
            // "6" glasses can only be 6: saved at once, like a rating.
            let water = s.config.water_unit.value;
            if super::checkin::typed(f, entry.text.text(), water) == super::checkin::Typed::Complete
            {
                if let Ok(effects) = submit_number(s, &entry) {
                    move_down(s);
                    return effects;
                }
            }
            s.modal = Some(Modal::Number(entry));
            Vec::new()
        }
        Row::Stool(_) | Row::NoStools => match Bristol::new(d as i64) {
            Ok(bristol) => vec![Effect::AddStool(crate::domain::Stool {
                id: new_id(),
                at: s.at_now(),
                bristol,
            })],
            Err(e) => {
                s.error(e.to_string());
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}

fn rating(s: &State, id: &str, level: u8) -> Option<SymptomRating> {
    Severity::new(level as i64)
        .ok()
        .map(|severity| SymptomRating {
            id: new_id(),
            at: s.at_now(),
            symptom: id.to_string(),
            severity,
            note: None,
        })
}

fn set_symptom(s: &mut State, i: usize, level: u8) -> Vec<Effect> {
    let Some(id) = s.symptom_id(i).map(str::to_string) else {
        return Vec::new();
    };
    match rating(s, &id, level) {
        Some(r) => vec![Effect::SetSymptoms(vec![r])],
        None => Vec::new(),
    }
}

fn rate_rest_none(s: &mut State) -> Vec<Effect> {
    let ratings: Vec<SymptomRating> = s
        .today
        .rows
        .symptom_ids
        .iter()
        .filter(|id| s.severity_of(id).is_none())
        .filter_map(|id| rating(s, id, 0))
        .collect();
    if ratings.is_empty() {
        s.info(tui_text().nothing_unrated.clone());
        return Vec::new();
    }
    vec![Effect::SetSymptoms(ratings)]
}

fn change_checkin(s: &mut State, f: CheckField, action: &Action) -> Vec<Effect> {
    let mut c = checkin(s);
    step_checkin(&mut c, f, action);
    vec![Effect::PutCheckIn(c)]
}

/// Saves a typed sleep, water or movement value; false (with a message)
/// when it is not a valid value.
pub fn submit_number(s: &mut State, entry: &NumberEntry) -> Result<Vec<Effect>, String> {
    let mut c = checkin(s);
    let water = s.config.water_unit.value;
    super::checkin::set_typed(&mut c, entry.field, entry.text.text(), water)
        .map_err(|e| e.to_string())?;
    Ok(vec![Effect::PutCheckIn(c)])
}

/// Letters typed to jump to a symptom: the rows whose name starts with
/// them (or, failing that, with a word that does).
pub fn jump_matches(s: &State, typed: &str) -> Vec<usize> {
    let typed = typed.to_lowercase();
    let names: Vec<String> = s
        .today
        .rows
        .symptom_ids
        .iter()
        .map(|id| symptom_name(id).to_lowercase())
        .collect();
    let starts: Vec<usize> = (0..names.len())
        .filter(|i| names[*i].starts_with(&typed))
        .collect();
    if !starts.is_empty() {
        return starts;
    }
    (0..names.len())
        .filter(|i| names[*i].split_whitespace().any(|w| w.starts_with(&typed)))
        .collect()
}

fn toggle(s: &mut State, row: Row) -> Vec<Effect> {
    match row {
        Row::Symptom(i) => {
            let Some(id) = s.symptom_id(i) else {
                return Vec::new();
            };
            let next = s
                .severity_of(id)
                .map_or(1, |v| (v.level() + 1) % (Severity::MAX + 1));
            set_symptom(s, i, next)
        }
        Row::Intake(i) => {
            let name = s.today.rows.intake_names[i].clone();
            match s.taken_today(&name) {
                Some(t) => vec![Effect::Delete(t.id.clone())],
                None => {
                    let kind = s
                        .usual_intakes
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                        .map(|(_, k)| *k)
                        .unwrap_or(IntakeKind::Other);
                    vec![Effect::AddIntake(Intake {
                        id: new_id(),
                        at: s.at_now(),
                        name,
                        kind,
                    })]
                }
            }
        }
        Row::RedFlags => {
            s.modal = Some(Modal::RedFlags { cursor: 0 });
            Vec::new()
        }
        Row::PlanStep => match (s.plan.clone(), s.plan_day()) {
            (Some(run), Some(day)) => super::plan::tick(s, &run, day),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn delete(s: &mut State, row: Row) -> Vec<Effect> {
    let t = tui_text();
    let target = match row {
        Row::Meal(i) => Some(("this meal", s.day.meals[i].id.clone())),
        Row::Stool(i) => Some(("this stool", s.day.stools[i].id.clone())),
        Row::Intake(i) => {
            let name = &s.today.rows.intake_names[i];
            s.taken_today(name).map(|t| ("this entry", t.id.clone()))
        }
        Row::Symptom(i) => s.symptom_id(i).and_then(|id| {
            s.day
                .symptoms
                .iter()
                .rev()
                .find(|r| r.symptom == id)
                .map(|r| ("this rating", r.id.clone()))
        }),
        _ => None,
    };
    match target {
        Some((what, id)) => {
            let undo = key_for(Context::Global, &Action::Undo);
            s.modal = Some(Modal::Confirm {
                question: fill(&t.delete_question, &[("what", what), ("undo", &undo)]),
                on_yes: vec![Effect::Delete(id)],
            })
        }
        None => s.info(t.nothing_to_delete.clone()),
    }
    Vec::new()
}
