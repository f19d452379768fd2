//! The stool form (each Bristol type's description, a time field that
//! takes digits when it has focus) and the medicine or supplement form
//! (with a time). Pure, like the meal form (`meal_form.rs`): actions in,
//! a record or a message out; each keeps the date it was opened for.

use super::action::Action;
use super::field::{edit_field, time_on, TextField};
use super::meal_form::hhmm;
use crate::domain::{clean_name, new_id, Bristol, Intake, IntakeKind, Stool};
use chrono::{NaiveDate, NaiveDateTime};

pub use super::meal_form::{tab_hint, unknown_hint, Completion, MealField, MealForm, MealHelp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoolField {
    Type,
    Time,
}

#[derive(Debug, Clone)]
pub struct StoolForm {
    pub date: NaiveDate,
    pub bristol: u8,
    pub time: TextField,
    pub focus: StoolField,
}

impl StoolForm {
    pub fn new(at: NaiveDateTime) -> StoolForm {
        StoolForm {
            date: at.date(),
            bristol: 4,
            time: TextField::offered(&hhmm(at.time())),
            focus: StoolField::Type,
        }
    }

    pub fn handle(&mut self, action: &Action) {
        match (self.focus, action) {
            (StoolField::Type, Action::Digit(n)) => self.bristol = (*n).clamp(1, 7),
            (StoolField::Type, Action::Up) => self.bristol = self.bristol.max(2) - 1,
            (StoolField::Type, Action::Down) => self.bristol = (self.bristol + 1).min(7),
            (StoolField::Type, Action::NextField) => {
                self.focus = StoolField::Time;
                self.time.select_all();
            }
            (StoolField::Time, Action::NextField) => self.focus = StoolField::Type,
            (StoolField::Time, other) => {
                edit_field(&mut self.time, other);
            }
            _ => {}
        }
    }

    pub fn submit(&self, now: NaiveDateTime) -> Result<Stool, String> {
        Ok(Stool {
            id: new_id(),
            at: time_on(self.date, &self.time, now)?,
            bristol: Bristol::new(self.bristol as i64).map_err(|e| e.to_string())?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeField {
    Name,
    Time,
}

#[derive(Debug, Clone)]
pub struct IntakeForm {
    pub date: NaiveDate,
    pub name: TextField,
    pub time: TextField,
    pub focus: IntakeField,
}

impl IntakeForm {
    pub fn new(at: NaiveDateTime) -> IntakeForm {
        IntakeForm {
            date: at.date(),
            name: TextField::default(),
            time: TextField::offered(&hhmm(at.time())),
            focus: IntakeField::Name,
        }
    }

    pub fn kind(&self) -> IntakeKind {
        IntakeKind::guess(self.name.text()).unwrap_or(IntakeKind::Other)
    }

    pub fn handle(&mut self, action: &Action) {
        match action {
            Action::NextField | Action::PrevField => {
                self.focus = match self.focus {
                    IntakeField::Name => {
                        self.time.select_all();
                        IntakeField::Time
                    }
                    IntakeField::Time => IntakeField::Name,
                }
            }
            other => {
                let f = match self.focus {
                    IntakeField::Name => &mut self.name,
                    IntakeField::Time => &mut self.time,
                };
                edit_field(f, other);
            }
        }
    }

    pub fn submit(&self, now: NaiveDateTime) -> Result<Intake, String> {
        let name =
            clean_name("medicine or supplement", self.name.text()).map_err(|e| e.to_string())?;
        Ok(Intake {
            id: new_id(),
            at: time_on(self.date, &self.time, now)?,
            kind: self.kind(),
            name,
        })
    }
}
