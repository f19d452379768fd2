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
}
