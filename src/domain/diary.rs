//! A span of the diary as plain records: what the weekly review and the
//! trigger analysis read, and what the store loads for a range of dates.

use super::{CheckIn, HabitTick, Intake, Meal, PlanRun, RedFlagEntry, Stool, SymptomRating};

/// The diary records a review reads. Build it with `Store::diary` over
/// `ReviewParams::dates_needed`, or by hand in tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diary {
    pub meals: Vec<Meal>,
    pub symptoms: Vec<SymptomRating>,
    pub stools: Vec<Stool>,
    pub checkins: Vec<CheckIn>,
    pub intakes: Vec<Intake>,
    pub red_flags: Vec<RedFlagEntry>,
    pub habit_ticks: Vec<HabitTick>,
    pub plan_runs: Vec<PlanRun>,
    /// Tags the person gave foods the dictionary does not know.
    pub food_tags: Vec<(String, Vec<String>)>,
    /// Parts the person gave dishes of their own.
    pub food_parts: Vec<(String, Vec<String>)>,
}

impl Diary {
    /// The food dictionary with the person's own tags and dish parts.
    pub fn food_book(&self) -> super::food::FoodBook {
        super::food::FoodBook::with_user(self.food_tags.clone(), self.food_parts.clone())
    }
}
