//! The add/edit forms: a meal (with food completion and inferred tags), a
//! stool (with each Bristol type's description) and an intake. Pure: they
//! turn keys into field edits and, on Enter, into a record or a message.

use super::action::Action;
use super::field::TextField;
use crate::domain::food::{food_key, parse_tag, split_foods, tags_to_remember, FoodBook};
use crate::domain::{clean_name, new_id, Bristol, Intake, IntakeKind, Meal, Slot, Stool};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Tags to remember for foods the dictionary does not know.
pub type Remember = Vec<(String, Vec<String>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MealField {
    Slot,
    Time,
    Foods,
    Tags,
    Note,
}

const MEAL_FIELDS: [MealField; 5] = [
    MealField::Slot,
    MealField::Time,
    MealField::Foods,
    MealField::Tags,
    MealField::Note,
];

#[derive(Debug, Clone)]
pub struct MealForm {
    /// The meal being edited, or None for a new one.
    pub editing: Option<String>,
    pub slot: Slot,
    pub time: TextField,
    pub foods: TextField,
    pub tags: TextField,
    /// Once the user edits tags by hand, foods stop overwriting them.
    pub tags_edited: bool,
    pub note: TextField,
    pub focus: MealField,
}

impl MealForm {
    pub fn new(at: NaiveDateTime) -> MealForm {
        MealForm {
            editing: None,
            slot: Slot::for_time(at),
            time: TextField::new(&at.format("%H:%M").to_string()),
            foods: TextField::default(),
            tags: TextField::default(),
            tags_edited: false,
            note: TextField::default(),
            focus: MealField::Foods,
        }
    }

    pub fn edit(meal: &Meal) -> MealForm {
        MealForm {
            editing: Some(meal.id.clone()),
            slot: meal.slot,
            time: TextField::new(&meal.at.format("%H:%M").to_string()),
            foods: TextField::new(&meal.foods.join(", ")),
            tags: TextField::new(&meal.tags.join(", ")),
            tags_edited: true,
            note: TextField::new(meal.note.as_deref().unwrap_or("")),
            focus: MealField::Foods,
        }
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            MealField::Slot => None,
            MealField::Time => Some(&mut self.time),
            MealField::Foods => Some(&mut self.foods),
            MealField::Tags => Some(&mut self.tags),
            MealField::Note => Some(&mut self.note),
        }
    }

    /// Completions for the food being typed (the last comma-separated part):
    /// the user's own foods first, then the dictionary.
    pub fn suggestions(&self, book: &FoodBook, history: &[String]) -> Vec<String> {
        if self.focus != MealField::Foods {
            return Vec::new();
        }
        let text = self.foods.text();
        let last = text.rsplit(',').next().unwrap_or("").trim_start();
        let key = food_key(last);
        if key.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<String> = history
            .iter()
            .filter(|h| h.starts_with(&key) && **h != key)
            .take(3)
            .cloned()
            .collect();
        for c in book.complete(&key, 8) {
            if out.len() >= 5 {
                break;
            }
            if c != key && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    fn refresh_tags(&mut self, book: &FoodBook) {
        if !self.tags_edited {
            let tags = book.infer(&split_foods(self.foods.text()));
            self.tags.set(&tags.join(", "));
        }
    }

    fn move_focus(&mut self, by: isize) {
        let i = MEAL_FIELDS
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0) as isize;
        let n = MEAL_FIELDS.len() as isize;
        self.focus = MEAL_FIELDS[((i + by).rem_euclid(n)) as usize];
    }

    /// Applies an edit key. Enter and Esc are handled by the caller.
    pub fn handle(&mut self, action: &Action, book: &FoodBook, history: &[String]) {
        match action {
            Action::NextField => {
                let s = self.suggestions(book, history);
                if let Some(first) = s.first() {
                    let text = self.foods.text().to_string();
                    let head = match text.rfind(',') {
                        Some(i) => format!("{}, ", text[..i].trim_end()),
                        None => String::new(),
                    };
                    self.foods.set(&format!("{head}{first}"));
                    self.refresh_tags(book);
                } else {
                    self.move_focus(1);
                }
            }
            Action::PrevField | Action::Up => self.move_focus(-1),
            Action::Down => self.move_focus(1),
            Action::Left if self.focus == MealField::Slot => {
                let i = Slot::ALL.iter().position(|s| *s == self.slot).unwrap_or(0);
                self.slot = Slot::ALL[(i + Slot::ALL.len() - 1) % Slot::ALL.len()];
            }
            Action::Right if self.focus == MealField::Slot => {
                let i = Slot::ALL.iter().position(|s| *s == self.slot).unwrap_or(0);
                self.slot = Slot::ALL[(i + 1) % Slot::ALL.len()];
            }
            other => {
                let focus = self.focus;
                if let Some(f) = self.field() {
                    if edit_field(f, other) {
                        match focus {
                            MealField::Foods => self.refresh_tags(book),
                            MealField::Tags => self.tags_edited = true,
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    /// The meal to save on `date`, and tags to remember; or what is wrong.
    pub fn submit(&self, date: NaiveDate, book: &FoodBook) -> Result<(Meal, Remember), String> {
        let time = parse_time(self.time.text())?;
        let foods = split_foods(self.foods.text());
        if foods.is_empty() {
            return Err("type at least one food, e.g. rice, salmon".into());
        }
        for f in &foods {
            clean_name("food", f).map_err(|e| e.to_string())?;
        }
        let tags = split_foods(self.tags.text())
            .iter()
            .map(|t| parse_tag(t).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        let inferred = book.infer(&foods);
        let add: Vec<String> = tags
            .iter()
            .filter(|t| !inferred.contains(t))
            .cloned()
            .collect();
        let remove: Vec<String> = inferred
            .iter()
            .filter(|t| !tags.contains(t))
            .cloned()
            .collect();
        let remember = tags_to_remember(book, &foods, &add, &remove);
        let mut tags = tags;
        tags.sort();
        tags.dedup();
        let note = Some(self.note.text().trim().to_string()).filter(|n| !n.is_empty());
        let meal = Meal {
            id: self.editing.clone().unwrap_or_else(new_id),
            at: date.and_time(time),
            slot: self.slot,
            foods,
            tags,
            note,
        };
        Ok((meal, remember))
    }
}

/// Applies a text-editing action to a field; true when the text changed.
pub fn edit_field(f: &mut TextField, action: &Action) -> bool {
    match action {
        Action::Type(c) => {
            f.insert(&c.to_string());
            true
        }
        Action::Paste(s) => {
            f.insert(s);
            true
        }
        Action::Backspace => {
            f.backspace();
            true
        }
        Action::DeleteChar => {
            f.delete();
            true
        }
        Action::Left => {
            f.left();
            false
        }
        Action::Right => {
            f.right();
            false
        }
        Action::Home => {
            f.home();
            false
        }
        Action::End => {
            f.end();
            false
        }
        _ => false,
    }
}

pub fn parse_time(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| format!("time '{}' is not HH:MM, e.g. 19:30", s.trim()))
}

#[derive(Debug, Clone)]
pub struct StoolForm {
    pub bristol: u8,
    pub time: TextField,
}

impl StoolForm {
    pub fn new(at: NaiveDateTime) -> StoolForm {
        StoolForm {
            bristol: 4,
            time: TextField::new(&at.format("%H:%M").to_string()),
        }
    }

    pub fn handle(&mut self, action: &Action) {
        match action {
            Action::Type(c @ '1'..='7') => self.bristol = *c as u8 - b'0',
            Action::Up | Action::PrevField => self.bristol = (self.bristol.max(2)) - 1,
            Action::Down | Action::NextField => self.bristol = (self.bristol + 1).min(7),
            other => {
                edit_field(&mut self.time, other);
            }
        }
    }

    pub fn submit(&self, date: NaiveDate) -> Result<Stool, String> {
        let time = parse_time(self.time.text())?;
        Ok(Stool {
            id: new_id(),
            at: date.and_time(time),
            bristol: Bristol::new(self.bristol as i64).map_err(|e| e.to_string())?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct IntakeForm {
    pub name: TextField,
    pub at: NaiveDateTime,
}

impl IntakeForm {
    pub fn new(at: NaiveDateTime) -> IntakeForm {
        IntakeForm {
            name: TextField::default(),
            at,
        }
    }

    pub fn kind(&self) -> IntakeKind {
        IntakeKind::guess(self.name.text()).unwrap_or(IntakeKind::Other)
    }

    pub fn submit(&self) -> Result<Intake, String> {
        let name =
            clean_name("medicine or supplement", self.name.text()).map_err(|e| e.to_string())?;
        Ok(Intake {
            id: new_id(),
            at: self.at,
            kind: self.kind(),
            name,
        })
    }
}
