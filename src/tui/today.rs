//! The Today screen's rows (one flat list the cursor moves through) and
//! what each key does on each kind of row. Pure: returns effects.

use super::action::{Action, Effect};
use super::checkin::step_checkin;
pub use super::checkin::CheckField;
use super::field::TextField;
use super::forms::{IntakeForm, MealForm, StoolForm};
use super::state::{Modal, Prompt, PromptFor, State};
use crate::content;
use crate::domain::{new_id, CheckIn, Intake, RedFlagEntry, Severity, SymptomRating};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Meals,
    Symptoms,
    CheckIn,
    Stools,
    Intakes,
    RedFlags,
    Plan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Meal(usize),
    NoMeals,
    Symptom(usize),
    CheckIn(CheckField),
    Stool(usize),
    NoStools,
    Intake(usize),
    NoIntakes,
    RedFlags,
    RedFlag(usize),
    PlanStep,
}

impl Row {
    pub fn section(self) -> Section {
        match self {
            Row::Meal(_) | Row::NoMeals => Section::Meals,
            Row::Symptom(_) => Section::Symptoms,
            Row::CheckIn(_) => Section::CheckIn,
            Row::Stool(_) | Row::NoStools => Section::Stools,
            Row::Intake(_) | Row::NoIntakes => Section::Intakes,
            Row::RedFlags | Row::RedFlag(_) => Section::RedFlags,
            Row::PlanStep => Section::Plan,
        }
    }
}

/// Symptom ids shown as rows: the catalogue, the user's own, and any other
/// rated today.
pub fn symptom_ids(s: &State) -> Vec<String> {
    let mut ids: Vec<String> = content::symptoms()
        .symptoms
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for id in s
        .custom_symptoms
        .iter()
        .chain(s.day.symptoms.iter().map(|r| &r.symptom))
    {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

/// The day's severity of a symptom: the last rating logged that day.
pub fn severity_of(s: &State, id: &str) -> Option<Severity> {
    s.day
        .symptoms
        .iter()
        .rev()
        .find(|r| r.symptom == id)
        .map(|r| r.severity)
}

/// Intake toggle rows: usual medicines and supplements, plus any taken today.
pub fn intake_names(s: &State) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for n in s
        .usual_intakes
        .iter()
        .map(|(n, _)| n)
        .chain(s.day.intakes.iter().map(|i| &i.name))
    {
        if !names.iter().any(|x| x.eq_ignore_ascii_case(n)) {
            names.push(n.clone());
        }
    }
    names
}

pub fn taken_today<'a>(s: &'a State, name: &str) -> Option<&'a Intake> {
    s.day
        .intakes
        .iter()
        .find(|i| i.name.eq_ignore_ascii_case(name))
}

/// Today's plan day (1–7) when a run covers the edited date.
pub fn plan_day(s: &State) -> Option<u8> {
    s.plan.as_ref().and_then(|p| p.day_on(s.date))
}

pub fn rows(s: &State) -> Vec<Row> {
    let mut v = Vec::new();
    if s.day.meals.is_empty() {
        v.push(Row::NoMeals);
    }
    v.extend((0..s.day.meals.len()).map(Row::Meal));
    v.extend((0..symptom_ids(s).len()).map(Row::Symptom));
    v.extend(CheckField::ALL.map(Row::CheckIn));
    if s.day.stools.is_empty() {
        v.push(Row::NoStools);
    }
    v.extend((0..s.day.stools.len()).map(Row::Stool));
    let intakes = intake_names(s).len();
    if intakes == 0 {
        v.push(Row::NoIntakes);
    }
    v.extend((0..intakes).map(Row::Intake));
    v.push(Row::RedFlags);
    if s.today.flags_open {
        v.extend((0..content::red_flags().flags.len()).map(Row::RedFlag));
    }
    if plan_day(s).is_some() {
        v.push(Row::PlanStep);
    }
    v
}

fn checkin(s: &State) -> CheckIn {
    s.day
        .checkin
        .clone()
        .unwrap_or_else(|| CheckIn::empty(s.date))
}

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let rows = rows(s);
    s.today.cursor = s.today.cursor.min(rows.len().saturating_sub(1));
    let row = rows.get(s.today.cursor).copied().unwrap_or(Row::NoMeals);
    match action {
        Action::Up => s.today.cursor = s.today.cursor.saturating_sub(1),
        Action::Down => s.today.cursor = (s.today.cursor + 1).min(rows.len() - 1),
        Action::PageDown => {
            let sec = row.section();
            if let Some(i) = rows
                .iter()
                .skip(s.today.cursor)
                .position(|r| r.section() != sec)
            {
                s.today.cursor += i;
            }
        }
        Action::PageUp => {
            // Start of this section, or of the previous one when already there.
            let mut i = s.today.cursor;
            while i > 0 && rows[i - 1].section() == rows[s.today.cursor].section() {
                i -= 1;
            }
            if i == s.today.cursor && i > 0 {
                let sec = rows[i - 1].section();
                i -= 1;
                while i > 0 && rows[i - 1].section() == sec {
                    i -= 1;
                }
            }
            s.today.cursor = i;
        }
        Action::Digit(n) => {
            if let Row::Symptom(i) = row {
                return set_symptom(s, i, *n);
            }
            if let Row::CheckIn(f) = row {
                return change_checkin(s, f, action);
            }
        }
        Action::Plus | Action::Minus | Action::Clear => {
            if let Row::CheckIn(f) = row {
                return change_checkin(s, f, action);
            }
        }
        Action::Toggle => return toggle(s, row),
        Action::Enter => match row {
            Row::Meal(i) => {
                s.modal = Some(Modal::Meal(Box::new(MealForm::edit(&s.day.meals[i]))));
            }
            Row::NoMeals => s.modal = Some(Modal::Meal(Box::new(MealForm::new(s.at_now())))),
            Row::NoStools => s.modal = Some(Modal::Stool(StoolForm::new(s.at_now()))),
            Row::NoIntakes => s.modal = Some(Modal::Intake(IntakeForm::new(s.at_now()))),
            Row::CheckIn(CheckField::Note) => {
                let note = s.day.checkin.as_ref().and_then(|c| c.note.clone());
                s.modal = Some(Modal::Prompt(Prompt {
                    purpose: PromptFor::CheckInNote,
                    field: TextField::new(note.as_deref().unwrap_or("")),
                }));
            }
            Row::CheckIn(_) | Row::Stool(_) => {}
            other => return toggle(s, other),
        },
        Action::Add => {
            s.modal = Some(match row.section() {
                Section::Stools => Modal::Stool(StoolForm::new(s.at_now())),
                Section::Intakes => Modal::Intake(IntakeForm::new(s.at_now())),
                _ => Modal::Meal(Box::new(MealForm::new(s.at_now()))),
            });
        }
        Action::RedFlags => {
            s.today.flags_open = !s.today.flags_open;
            if s.today.flags_open {
                if let Some(i) = super::today::rows(s)
                    .iter()
                    .position(|r| *r == Row::RedFlags)
                {
                    s.today.cursor = i;
                }
            }
        }
        Action::Repeat => {
            s.modal = Some(Modal::Repeat { cursor: 0 });
            return vec![Effect::LoadRecentMeals];
        }
        Action::Delete => {
            let target = match row {
                Row::Meal(i) => Some(("this meal", s.day.meals[i].id.clone())),
                Row::Stool(i) => Some(("this stool", s.day.stools[i].id.clone())),
                Row::Intake(i) => {
                    taken_today(s, &intake_names(s)[i]).map(|t| ("this intake", t.id.clone()))
                }
                Row::Symptom(i) => {
                    let id = &symptom_ids(s)[i];
                    s.day
                        .symptoms
                        .iter()
                        .rev()
                        .find(|r| &r.symptom == id)
                        .map(|r| ("this rating", r.id.clone()))
                }
                _ => None,
            };
            match target {
                Some((what, id)) => {
                    s.modal = Some(Modal::Confirm {
                        question: format!("Delete {what}? (u undoes)"),
                        on_yes: Effect::Delete(id),
                    })
                }
                None => s.info("Nothing to delete on this row."),
            }
        }
        _ => {}
    }
    Vec::new()
}

fn set_symptom(s: &mut State, i: usize, level: u8) -> Vec<Effect> {
    let id = symptom_ids(s)[i].clone();
    match Severity::new(level as i64) {
        Ok(severity) => vec![Effect::SetSymptom(SymptomRating {
            id: new_id(),
            at: s.at_now(),
            symptom: id,
            severity,
            note: None,
        })],
        Err(e) => {
            s.error(e.to_string());
            Vec::new()
        }
    }
}

fn change_checkin(s: &mut State, f: CheckField, action: &Action) -> Vec<Effect> {
    let mut c = checkin(s);
    step_checkin(&mut c, f, action);
    vec![Effect::PutCheckIn(c)]
}

fn toggle(s: &mut State, row: Row) -> Vec<Effect> {
    match row {
        Row::Symptom(i) => {
            let id = &symptom_ids(s)[i];
            let next = severity_of(s, id).map_or(1, |v| (v.level() + 1) % (Severity::MAX + 1));
            set_symptom(s, i, next)
        }
        Row::Intake(i) => {
            let name = intake_names(s)[i].clone();
            match taken_today(s, &name) {
                Some(t) => vec![Effect::Delete(t.id.clone())],
                None => {
                    let kind = s
                        .usual_intakes
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                        .map(|(_, k)| *k)
                        .unwrap_or(crate::domain::IntakeKind::Other);
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
            s.today.flags_open = !s.today.flags_open;
            Vec::new()
        }
        Row::RedFlag(i) => {
            let flag = content::red_flags().flags[i].id.clone();
            let ticked = s.day.red_flags.contains(&flag);
            vec![Effect::SetRedFlag(
                RedFlagEntry { date: s.date, flag },
                !ticked,
            )]
        }
        Row::PlanStep => match (s.plan.clone(), plan_day(s)) {
            (Some(run), Some(day)) => super::plan::tick(s, &run, day),
            _ => Vec::new(),
        },
        Row::NoMeals => {
            s.modal = Some(Modal::Meal(Box::new(MealForm::new(s.at_now()))));
            Vec::new()
        }
        _ => Vec::new(),
    }
}
