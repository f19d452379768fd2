//! Building a meal from what someone typed, one way for the CLI, the TUI
//! and import (`MealDraft::build`), and the times a person usually eats
//! each meal (`UsualTimes`), which the check-in screen offers.

use super::error::{InputError, InputResult};
use super::food::{food_key, parse_tag, tags_to_remember, FoodBook};
use super::{clean_name, clean_note, new_id, Meal, MealTimes, Slot};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::collections::BTreeSet;

/// Tags to remember for foods the dictionary does not know: food key → tags.
pub type Remember = Vec<(String, Vec<String>)>;

/// How a meal's tags are chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum TagChoice {
    /// Inferred from the foods, with some added or removed (`--tag`, `--no-tag`).
    Adjust {
        add: Vec<String>,
        remove: Vec<String>,
    },
    /// Exactly these (a tag field edited by hand; an import record with tags).
    Exactly(Vec<String>),
}

impl TagChoice {
    pub fn inferred() -> TagChoice {
        TagChoice::Adjust {
            add: Vec::new(),
            remove: Vec::new(),
        }
    }
}

/// A meal as typed: names not yet checked, tags as names or ids.
#[derive(Debug, Clone, PartialEq)]
pub struct MealDraft {
    /// Keep this id (an edit, an import); None makes a new one.
    pub id: Option<String>,
    pub at: NaiveDateTime,
    /// None: the slot of the time (`Slot::for_time`).
    pub slot: Option<Slot>,
    pub foods: Vec<String>,
    pub tags: TagChoice,
    pub note: Option<String>,
}

impl MealDraft {
    pub fn new(at: NaiveDateTime, foods: Vec<String>) -> MealDraft {
        MealDraft {
            id: None,
            at,
            slot: None,
            foods,
            tags: TagChoice::inferred(),
            note: None,
        }
    }

    fn foods(&self) -> InputResult<Vec<String>> {
        let foods = self
            .foods
            .iter()
            .map(|f| clean_name("food", f))
            .collect::<InputResult<Vec<_>>>()?;
        if foods.is_empty() {
            return Err(InputError::new(
                "a meal needs at least one food; list them comma-separated, e.g. \"oats, banana\"",
            ));
        }
        Ok(foods)
    }

    fn parsed_tags(tags: &[String]) -> InputResult<Vec<String>> {
        tags.iter().map(|t| parse_tag(t)).collect()
    }

    /// Checks everything that does not need the diary (food names, tags,
    /// the note), so a command can refuse bad input before opening it.
    pub fn check(&self) -> InputResult<()> {
        self.foods()?;
        match &self.tags {
            TagChoice::Adjust { add, remove } => {
                Self::parsed_tags(add)?;
                Self::parsed_tags(remove)?;
            }
            TagChoice::Exactly(t) => {
                Self::parsed_tags(t)?;
            }
        }
        clean_note(self.note.as_deref())?;
        Ok(())
    }

    /// The meal, and the tags to remember for foods the dictionary does
    /// not know when the user changed what their foods would give.
    pub fn build(&self, book: &FoodBook) -> InputResult<(Meal, Remember)> {
        let foods = self.foods()?;
        let inferred = book.infer(&foods);
        let (add, remove) = match &self.tags {
            TagChoice::Adjust { add, remove } => {
                (Self::parsed_tags(add)?, Self::parsed_tags(remove)?)
            }
            TagChoice::Exactly(t) => {
                let t = Self::parsed_tags(t)?;
                let add = t
                    .iter()
                    .filter(|x| !inferred.contains(x))
                    .cloned()
                    .collect();
                let remove = inferred
                    .iter()
                    .filter(|x| !t.contains(x))
                    .cloned()
                    .collect();
                (add, remove)
            }
        };
        let mut tags: BTreeSet<String> = inferred.into_iter().collect();
        tags.extend(add.iter().cloned());
        for r in &remove {
            tags.remove(r);
        }
        let remember = tags_to_remember(book, &foods, &add, &remove);
        let meal = Meal {
            id: self.id.clone().unwrap_or_else(new_id),
            at: self.at,
            slot: self.slot.unwrap_or_else(|| Slot::for_time(self.at)),
            foods,
            tags: tags.into_iter().collect(),
            note: clean_note(self.note.as_deref())?,
        };
        Ok((meal, remember))
    }
}

/// The three meals of a day, in the order a day goes.
pub const MAIN_SLOTS: [Slot; 3] = [Slot::Breakfast, Slot::Lunch, Slot::Dinner];

/// When "now" is this close to a slot's usual time, the meal is taken to
/// be happening now.
pub const USUAL_WINDOW: Duration = Duration::minutes(90);

/// Times people commonly eat, used until the diary has meals of its own.
pub fn default_time(slot: Slot) -> NaiveTime {
    let (h, m) = match slot {
        Slot::Breakfast => (8, 0),
        Slot::Lunch => (12, 30),
        Slot::Snack => (15, 30),
        Slot::Dinner => (19, 0),
        Slot::Drink => (10, 0),
    };
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

/// The user's usual time for each slot: the median time of their recent
/// meals in that slot, else `default_time`, or the middle of the slot's
/// window when the meal times (`[meal_times]` in the settings) put
/// `default_time` outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UsualTimes {
    times: [Option<NaiveTime>; 5],
    meal_times: MealTimes,
}

fn slot_index(slot: Slot) -> usize {
    Slot::ALL.iter().position(|s| *s == slot).unwrap_or(0)
}

impl UsualTimes {
    /// From recent meals (any order; say the last four weeks).
    pub fn from_meals(meals: &[Meal]) -> UsualTimes {
        let mut out = UsualTimes::default();
        for slot in Slot::ALL {
            let mut minutes: Vec<u32> = meals
                .iter()
                .filter(|m| m.slot == slot)
                .map(|m| m.at.hour() * 60 + m.at.minute())
                .collect();
            if minutes.is_empty() {
                continue;
            }
            minutes.sort_unstable();
            let mid = minutes[(minutes.len() - 1) / 2];
            out.times[slot_index(slot)] = NaiveTime::from_hms_opt(mid / 60, mid % 60, 0);
        }
        out
    }

    /// The same usual times with these meal windows: they choose the slot
    /// of a time (`slot_for`) and place a slot that has no meals yet.
    pub fn with_meal_times(self, meal_times: MealTimes) -> UsualTimes {
        UsualTimes { meal_times, ..self }
    }

    /// The slot of a meal eaten at `at`, by the meal windows.
    pub fn slot_for(&self, at: NaiveDateTime) -> Slot {
        self.meal_times.slot_for(at.time())
    }

    pub fn of(&self, slot: Slot) -> NaiveTime {
        self.times[slot_index(slot)].unwrap_or_else(|| {
            let common = default_time(slot);
            match self.meal_times.window(slot) {
                Some(w) if !w.contains_time(common) => w.middle(),
                _ => common,
            }
        })
    }

    /// The time for a meal in `slot` on `date`: now, when `date` is today
    /// and now is within `USUAL_WINDOW` of the slot's usual time (or the
    /// slot is a drink); otherwise the usual time.
    pub fn time_for(&self, slot: Slot, date: NaiveDate, now: NaiveDateTime) -> NaiveTime {
        let usual = self.of(slot);
        if date != now.date() {
            return usual;
        }
        let gap = (now.time() - usual).num_minutes().abs();
        if slot == Slot::Drink || gap <= USUAL_WINDOW.num_minutes() {
            now.time()
        } else {
            usual
        }
    }

    /// The first of breakfast, lunch and dinner not logged on `date` whose
    /// usual time has come (any, on an earlier date), at `time_for` it:
    /// the meal still to catch up on.
    pub fn catch_up(
        &self,
        logged: &[Slot],
        date: NaiveDate,
        now: NaiveDateTime,
    ) -> Option<(Slot, NaiveTime)> {
        let past_day = date < now.date();
        MAIN_SLOTS
            .into_iter()
            .find(|s| !logged.contains(s) && (past_day || self.of(*s) <= now.time()))
            .map(|slot| (slot, self.time_for(slot, date, now)))
    }

    /// The meal to offer on `date` when `logged` slots are there already:
    /// the one to catch up on; else the slot of now, at now (on an earlier
    /// date with all three logged: a snack at its usual time).
    pub fn next_meal(
        &self,
        logged: &[Slot],
        date: NaiveDate,
        now: NaiveDateTime,
    ) -> (Slot, NaiveTime) {
        if let Some(offer) = self.catch_up(logged, date, now) {
            return offer;
        }
        if date < now.date() {
            (Slot::Snack, self.of(Slot::Snack))
        } else {
            (self.slot_for(now), now.time())
        }
    }
}

/// Foods the dictionary does not know and the user never tagged: listed
/// before a meal is saved and marked where meals are shown, each with
/// the food it most likely means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFood {
    pub name: String,
    pub did_you_mean: Option<String>,
}

impl std::fmt::Display for UnknownFood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.did_you_mean {
            Some(s) => write!(f, "'{}' (did you mean '{s}'?)", self.name),
            None => write!(f, "'{}'", self.name),
        }
    }
}

impl FoodBook {
    /// True when gutlog has no tags for this food at all.
    pub fn is_unknown(&self, name: &str) -> bool {
        !self.is_known(name) && self.tags_of(name).is_empty()
    }

    /// Every unknown food of a list, once each, with its "did you mean".
    pub fn unknown_foods(&self, foods: &[String]) -> Vec<UnknownFood> {
        let mut seen = BTreeSet::new();
        foods
            .iter()
            .filter(|f| self.is_unknown(f) && seen.insert(food_key(f)))
            .map(|f| UnknownFood {
                name: f.clone(),
                did_you_mean: self.suggest(f).map(str::to_string),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn the_usual_time_is_the_median() {
        let meal = |h, m, slot| Meal {
            id: new_id(),
            at: at(h, m),
            slot,
            foods: vec!["x".into()],
            tags: vec![],
            note: None,
        };
        let u = UsualTimes::from_meals(&[
            meal(7, 0, Slot::Breakfast),
            meal(8, 15, Slot::Breakfast),
            meal(9, 0, Slot::Breakfast),
            meal(19, 30, Slot::Dinner),
        ]);
        assert_eq!(
            u.of(Slot::Breakfast),
            NaiveTime::from_hms_opt(8, 15, 0).unwrap()
        );
        assert_eq!(
            u.of(Slot::Dinner),
            NaiveTime::from_hms_opt(19, 30, 0).unwrap()
        );
        assert_eq!(u.of(Slot::Lunch), default_time(Slot::Lunch));
    }

    #[test]
    fn the_next_meal_is_the_first_one_not_logged() {
        let u = UsualTimes::default();
        let now = at(21, 30);
        let d = now.date();
        assert_eq!(u.next_meal(&[], d, now).0, Slot::Breakfast);
        assert_eq!(
            u.next_meal(&[Slot::Breakfast], d, now),
            (Slot::Lunch, default_time(Slot::Lunch))
        );
        let all = [Slot::Breakfast, Slot::Lunch, Slot::Dinner];
        assert_eq!(u.next_meal(&all, d, now), (Slot::Dinner, now.time()));
        // Early in the morning nothing is due yet: the slot of now, at now.
        assert_eq!(
            u.next_meal(&[], d, at(7, 0)),
            (Slot::Breakfast, at(7, 0).time())
        );
    }

    #[test]
    fn a_slot_is_now_when_now_is_near_its_usual_time() {
        let u = UsualTimes::default();
        let d = at(0, 0).date();
        assert_eq!(u.time_for(Slot::Dinner, d, at(20, 0)), at(20, 0).time());
        assert_eq!(
            u.time_for(Slot::Dinner, d, at(21, 0)),
            default_time(Slot::Dinner)
        );
        assert_eq!(
            u.time_for(Slot::Breakfast, d, at(21, 0)),
            default_time(Slot::Breakfast)
        );
    }
}
