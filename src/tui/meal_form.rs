//! The meal form: food completion that never replaces a known food,
//! every unknown food listed, tags inferred (and, edited, remembered), a
//! slot that follows the typed time until one is picked, usual times.
//! Pure: it turns actions into field edits and, on Enter, into a meal
//! built by the one domain rule (`MealDraft`). It keeps the date it was
//! opened for, so one left open past midnight still saves on that day.

use super::action::Action;
use super::field::{edit_field, TextField};
use crate::content::{fill, tui_text};
use crate::domain::food::{food_key, split_foods, tag_names, FoodBook};
use crate::domain::meal::{MealDraft, Remember, TagChoice, UnknownFood, UsualTimes};
use crate::domain::time::{check_not_ahead, parse_time_of_day};
use crate::domain::{Meal, Slot};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

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

/// What the meal form reads from the rest of the state.
pub struct MealHelp<'a> {
    pub book: &'a FoodBook,
    pub history: &'a [String],
    pub usual: &'a UsualTimes,
    pub now: NaiveDateTime,
}

/// What Tab does in the foods field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// Nothing to complete: Tab moves to the next field.
    Nothing,
    /// Foods starting with what is typed; Tab takes the first.
    Foods(Vec<String>),
    /// An unknown food that looks misspelt; Tab takes the suggestion.
    DidYouMean(String),
}

pub(super) fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

#[derive(Debug, Clone)]
pub struct MealForm {
    /// The date it was opened for.
    pub date: NaiveDate,
    /// The meal being edited, or None for a new one.
    pub editing: Option<String>,
    pub slot: Slot,
    /// Once the user picks a slot, the typed time stops choosing it.
    pub slot_by_hand: bool,
    /// The meal of the day not logged yet this form was offered for:
    /// saving that meal offers the next one (unless a slot was picked by
    /// hand).
    pub catch_up: Option<Slot>,
    pub time: TextField,
    pub foods: TextField,
    pub tags: TextField,
    /// Once the user edits tags by hand, foods stop overwriting them.
    pub tags_edited: bool,
    pub note: TextField,
    pub focus: MealField,
}

impl MealForm {
    /// A new meal in `slot` at `time` (an offered time: typing replaces it).
    pub fn new(date: NaiveDate, slot: Slot, time: NaiveTime) -> MealForm {
        MealForm {
            date,
            editing: None,
            slot,
            slot_by_hand: false,
            catch_up: None,
            time: TextField::offered(&hhmm(time)),
            foods: TextField::default(),
            tags: TextField::default(),
            tags_edited: false,
            note: TextField::default(),
            focus: MealField::Foods,
        }
    }

    pub fn edit(meal: &Meal) -> MealForm {
        MealForm {
            date: meal.at.date(),
            editing: Some(meal.id.clone()),
            slot: meal.slot,
            slot_by_hand: true,
            catch_up: None,
            time: TextField::offered(&hhmm(meal.at.time())),
            foods: TextField::new(&meal.foods.join(", ")),
            tags: TextField::new(&tag_names(&meal.tags)),
            tags_edited: true,
            note: TextField::new(meal.note.as_deref().unwrap_or("")),
            focus: MealField::Foods,
        }
    }

    /// A new meal on `date` filled from an earlier one (foods, tags,
    /// note, slot), at the slot's usual time, ready to edit.
    pub fn repeat(date: NaiveDate, meal: &Meal, help: &MealHelp) -> MealForm {
        let mut f = MealForm::new(
            date,
            meal.slot,
            help.usual.time_for(meal.slot, date, help.now),
        );
        f.slot_by_hand = true;
        f.fill_from(meal);
        f
    }

    /// Takes the foods, tags and note of `meal`.
    pub fn fill_from(&mut self, meal: &Meal) {
        self.foods.set(&meal.foods.join(", "));
        self.tags.set(&tag_names(&meal.tags));
        self.tags_edited = true;
        self.note.set(meal.note.as_deref().unwrap_or(""));
        self.focus = MealField::Foods;
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

    /// The food being typed: the last comma-separated part.
    fn last_food(&self) -> &str {
        self.foods.text().rsplit(',').next().unwrap_or("").trim()
    }

    /// What Tab would do in the foods field. A food already known exactly
    /// is never replaced ("kimchi, rice" stays); an unknown one that looks
    /// misspelt offers its "did you mean".
    pub fn completion(&self, help: &MealHelp) -> Completion {
        if self.focus != MealField::Foods {
            return Completion::Nothing;
        }
        let key = food_key(self.last_food());
        if key.is_empty() || help.book.is_known(&key) || help.history.contains(&key) {
            return Completion::Nothing;
        }
        let mut out: Vec<String> = help
            .history
            .iter()
            .filter(|h| h.starts_with(&key))
            .take(3)
            .cloned()
            .collect();
        for c in help.book.complete(&key, 8) {
            if out.len() >= 5 {
                break;
            }
            if !out.contains(&c) {
                out.push(c);
            }
        }
        if !out.is_empty() {
            return Completion::Foods(out);
        }
        match help.book.suggest(&key) {
            Some(s) => Completion::DidYouMean(s.to_string()),
            None => Completion::Nothing,
        }
    }

    /// Every food on the line gutlog does not know, each with its "did you
    /// mean" (the one being typed only once it completes to nothing).
    pub fn unknown_foods(&self, help: &MealHelp) -> Vec<UnknownFood> {
        let mut foods = split_foods(self.foods.text());
        let typing = self.focus == MealField::Foods && !self.foods.text().trim_end().ends_with(',');
        if typing && matches!(self.completion(help), Completion::Foods(_)) {
            foods.pop();
        }
        help.book.unknown_foods(&foods)
    }

    fn refresh_tags(&mut self, book: &FoodBook) {
        if !self.tags_edited {
            let tags = book.infer(&split_foods(self.foods.text()));
            self.tags.set(&tag_names(&tags));
        }
    }

    fn move_focus(&mut self, by: isize) {
        let i = MEAL_FIELDS
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0) as isize;
        let n = MEAL_FIELDS.len() as isize;
        self.focus = MEAL_FIELDS[((i + by).rem_euclid(n)) as usize];
        if self.focus == MealField::Time {
            self.time.select_all();
        }
    }

    /// The slot follows the typed time (by the meal times in the
    /// settings) until one is picked by hand.
    fn follow_time(&mut self, usual: &UsualTimes) {
        if !self.slot_by_hand {
            if let Ok(t) = parse_time_of_day(self.time.text()) {
                self.slot = usual.slot_for(self.date.and_time(t));
            }
        }
    }

    /// A slot picked by hand, with the user's usual time for it (or now,
    /// when now is near it).
    pub fn pick_slot(&mut self, slot: Slot, help: &MealHelp) {
        self.slot = slot;
        self.slot_by_hand = true;
        if slot != Slot::Drink || self.date == help.now.date() {
            self.time = TextField::offered(&hhmm(help.usual.time_for(slot, self.date, help.now)));
        }
    }

    fn cycle_slot(&mut self, by: usize) {
        let n = Slot::ALL.len();
        let i = Slot::ALL.iter().position(|s| *s == self.slot).unwrap_or(0);
        self.slot = Slot::ALL[(i + by) % n];
        self.slot_by_hand = true;
    }

    /// Applies an edit key. Enter and Esc are handled by the caller.
    pub fn handle(&mut self, action: &Action, help: &MealHelp) {
        match action {
            Action::Complete => match self.completion(help) {
                Completion::Foods(list) => self.replace_last_food(&list[0], help.book),
                Completion::DidYouMean(food) => self.replace_last_food(&food, help.book),
                Completion::Nothing => self.move_focus(1),
            },
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::PickSlot(slot) => self.pick_slot(*slot, help),
            Action::Left if self.focus == MealField::Slot => self.cycle_slot(Slot::ALL.len() - 1),
            Action::Right if self.focus == MealField::Slot => self.cycle_slot(1),
            other => {
                let focus = self.focus;
                if let Some(f) = self.field() {
                    if edit_field(f, other) {
                        match focus {
                            MealField::Foods => self.refresh_tags(help.book),
                            MealField::Tags => self.tags_edited = true,
                            MealField::Time => self.follow_time(help.usual),
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    fn replace_last_food(&mut self, food: &str, book: &FoodBook) {
        let text = self.foods.text().to_string();
        let head = match text.rfind(',') {
            Some(i) => format!("{}, ", text[..i].trim_end()),
            None => String::new(),
        };
        self.foods.set(&format!("{head}{food}"));
        self.refresh_tags(book);
    }

    /// The meal to save and the tags to remember; or what is wrong.
    pub fn submit(&self, help: &MealHelp) -> Result<(Meal, Remember), String> {
        let time = parse_time_of_day(self.time.text()).map_err(|e| e.to_string())?;
        let at = check_not_ahead(self.date.and_time(time), help.now).map_err(|e| e.to_string())?;
        let draft = MealDraft {
            id: self.editing.clone(),
            at,
            slot: Some(self.slot),
            foods: split_foods(self.foods.text()),
            tags: if self.tags_edited {
                TagChoice::Exactly(split_foods(self.tags.text()))
            } else {
                TagChoice::inferred()
            },
            note: Some(self.note.text().to_string()),
        };
        draft.build(help.book).map_err(|e| e.to_string())
    }
}

/// What Tab offers under the foods field: completions or a "did you mean".
pub fn tab_hint(form: &MealForm, help: &MealHelp) -> Option<String> {
    let t = tui_text();
    match form.completion(help) {
        Completion::Foods(list) => Some(fill(&t.completions, &[("foods", &list.join(" · "))])),
        Completion::DidYouMean(food) => Some(fill(&t.did_you_mean, &[("food", &food)])),
        Completion::Nothing => None,
    }
}

/// Every food on the line gutlog does not know, listed before saving.
pub fn unknown_hint(form: &MealForm, help: &MealHelp) -> Option<String> {
    let unknown = form.unknown_foods(help);
    (!unknown.is_empty()).then(|| {
        let list: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        fill(&tui_text().unknown_foods, &[("foods", &list.join(", "))])
    })
}
