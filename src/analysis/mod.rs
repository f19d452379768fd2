//! Insights: the weekly review and the trigger analysis.
//!
//! Pure functions from a `Diary` (plain records the store loads for a date
//! range) and `ReviewParams` to a `WeeklyReview`. No SQL, no clock, no
//! drawing: the CLI report and the TUI Insights screen both render the same
//! value. The method is described in README ("How insights are computed").

mod bits;
pub mod clinician;
pub mod daily;
mod days;
pub mod doctor;
pub mod experiment;
pub mod experiment_sim;
pub mod explain;
mod factors;
pub mod journal;
pub mod randomisation;
pub mod serial;
pub mod stats;
pub mod trends;
pub mod triggers;
pub mod weekly;

pub use factors::{MIN_LABEL_DAYS, TOGETHER_PHI};
pub use trends::{weekly_trend, WeekTrend};
pub use triggers::{
    Adjusted, AnalysisStatus, Detectable, Direction, Explained, Finding, Lag, NotTested,
    NotTestedReason, TriggerSummary, Verdict,
};
pub use weekly::{
    Coverage, DailyBurden, DailyHabits, HabitMeans, HabitWeek, HabitsReview, PlanStep, PlanWeek,
    RedFlagLogged, StoolWeek, SymptomStats, SymptomWeek, Week,
};

use crate::content;
/// The records a review reads live with the domain types; re-exported
/// here because every analysis entry point takes one.
pub use crate::domain::Diary;
use crate::domain::{InputError, InputResult, Severity};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

pub const DEFAULT_HISTORY_DAYS: u32 = 56;
pub const MIN_HISTORY_DAYS: u32 = 14;
pub const MAX_HISTORY_DAYS: u32 = 3660;
pub const DEFAULT_MIN_SEVERITY: u8 = 2;

/// What to review: the week ending on `week_end`, and the trigger analysis
/// over the `history_days` ending on the same date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewParams {
    pub week_end: NaiveDate,
    pub history_days: u32,
    pub min_severity: u8,
}

impl ReviewParams {
    /// The defaults (56 days of history, moderate or worse), as the TUI uses.
    pub fn new(week_end: NaiveDate) -> ReviewParams {
        ReviewParams {
            week_end,
            history_days: DEFAULT_HISTORY_DAYS,
            min_severity: DEFAULT_MIN_SEVERITY,
        }
    }

    /// Checked parameters; the messages say what to type instead.
    pub fn checked(
        week_end: NaiveDate,
        history_days: i64,
        min_severity: i64,
    ) -> InputResult<ReviewParams> {
        if !(MIN_HISTORY_DAYS as i64..=MAX_HISTORY_DAYS as i64).contains(&history_days) {
            return Err(InputError::new(format!(
                "history of {history_days} days is out of range; use {MIN_HISTORY_DAYS} to {MAX_HISTORY_DAYS}"
            )));
        }
        if !(1..=Severity::MAX as i64).contains(&min_severity) {
            return Err(InputError::new(format!(
                "minimum severity {min_severity} is out of range; use 1 (mild), 2 (moderate) or 3 (severe)"
            )));
        }
        Ok(ReviewParams {
            week_end,
            history_days: history_days as u32,
            min_severity: min_severity as u8,
        })
    }

    /// First day of the trigger analysis window.
    pub fn history_start(&self) -> NaiveDate {
        self.week_end - Duration::days(self.history_days as i64 - 1)
    }

    /// The dates whose records the review reads, both ends included: the
    /// history window and the previous week, plus the day after the week so
    /// the last day's window can be closed by the next first meal.
    pub fn dates_needed(&self) -> (NaiveDate, NaiveDate) {
        let prev_week_start = self.week_end - Duration::days(13);
        (
            self.history_start().min(prev_week_start),
            self.week_end + Duration::days(1),
        )
    }
}

/// Everything the weekly review shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyReview {
    pub week: Week,
    pub previous_week: Week,
    pub symptoms: Vec<SymptomWeek>,
    /// Symptom burden on every date of the history window, oldest first.
    pub daily_burden: Vec<DailyBurden>,
    pub habits: HabitsReview,
    pub stools: StoolWeek,
    pub plan: PlanWeek,
    pub coverage: Coverage,
    pub red_flags: Vec<RedFlagLogged>,
    /// What the trigger analysis looked at and whether it had enough data.
    pub analysis: TriggerSummary,
    pub findings: Vec<Finding>,
    /// Links strong in the raw counts that went away after allowing for
    /// another factor ("bloating tracks beer, not fries").
    pub explained: Vec<Explained>,
    /// Association is not proof: how to check a suspect, and when to see a doctor.
    pub caveat: String,
}

/// Reviews the week ending `params.week_end`. Records outside
/// `params.dates_needed()` are ignored.
pub fn weekly_review(diary: &Diary, params: &ReviewParams) -> WeeklyReview {
    let (from, to) = params.dates_needed();
    let index = days::DayIndex::build(diary, from, to);
    let week = Week::ending(params.week_end);
    let triggers::Analysis {
        summary: analysis,
        findings,
        explained,
    } = triggers::analyse(
        &index,
        &diary.symptoms,
        params.history_start(),
        params.week_end,
        params.min_severity,
    );
    WeeklyReview {
        week,
        previous_week: week.before(),
        symptoms: weekly::symptoms(diary, week),
        daily_burden: weekly::burden(diary, params.history_start(), params.week_end),
        habits: weekly::habits(&index, week, params.history_start()),
        stools: weekly::stools(diary, week),
        plan: weekly::plan(diary, &index, week),
        coverage: weekly::coverage(&index, week),
        red_flags: weekly::red_flags(diary, week),
        analysis,
        findings,
        explained,
        caveat: content::insights().caveat.clone(),
    }
}
