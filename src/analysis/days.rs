//! The diary folded into one summary per date: what was eaten, taken and
//! recorded, and which daily habits were kept (by the plan's automatic
//! rules or by hand). Both the weekly review and the trigger analysis read
//! these summaries instead of the raw records.

use super::Diary;
use crate::content::{self, HabitInfo};
use crate::domain::food::FoodBook;
use crate::domain::habits::{is_soothing_supplement, rule_holds, HabitDay};
use crate::domain::{CheckIn, IntakeKind};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;

/// Everything known about one date.
#[derive(Debug, Clone, Default)]
pub struct DayFacts {
    pub date: NaiveDate,
    pub first_meal: Option<NaiveDateTime>,
    pub last_meal: Option<NaiveDateTime>,
    pub tags: BTreeSet<String>,
    pub foods: BTreeSet<String>,
    pub intake_kinds: BTreeSet<IntakeKind>,
    pub soothing_supplement: bool,
    pub checkin: Option<CheckIn>,
    pub hand_habits: BTreeSet<String>,
    /// Daily habits kept, automatically or by hand (plan habit ids).
    pub habits_kept: BTreeSet<String>,
    /// Anything at all logged on this date.
    pub any_entry: bool,
}

impl DayFacts {
    pub fn has_meal(&self) -> bool {
        self.first_meal.is_some()
    }

    /// Was this daily habit kept: by its automatic rule, or ticked by hand.
    pub fn kept(&self, habit: &HabitInfo) -> bool {
        self.hand_habits.contains(&habit.id)
            || habit
                .auto
                .as_deref()
                .is_some_and(|r| rule_holds(r, self).unwrap_or(false))
    }
}

impl HabitDay for DayFacts {
    fn has_meal(&self) -> bool {
        self.first_meal.is_some()
    }
    fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(tag)
    }
    fn took(&self, kind: IntakeKind) -> bool {
        self.intake_kinds.contains(&kind)
    }
    fn took_soothing_supplement(&self) -> bool {
        self.soothing_supplement
    }
    fn checkin(&self) -> Option<&CheckIn> {
        self.checkin.as_ref()
    }
}

/// One `DayFacts` per date from `from` to `to` inclusive.
#[derive(Debug, Clone)]
pub struct DayIndex {
    pub from: NaiveDate,
    pub days: Vec<DayFacts>,
}

impl DayIndex {
    pub fn build(diary: &Diary, from: NaiveDate, to: NaiveDate) -> DayIndex {
        let len = ((to - from).num_days() + 1).max(0) as usize;
        let mut days: Vec<DayFacts> = (0..len)
            .map(|i| DayFacts {
                date: from + Duration::days(i as i64),
                ..DayFacts::default()
            })
            .collect();
        let slot = |days: &mut Vec<DayFacts>, d: NaiveDate| -> Option<usize> {
            let i = (d - from).num_days();
            (i >= 0 && (i as usize) < days.len()).then_some(i as usize)
        };
        let book = FoodBook::bundled();
        for m in &diary.meals {
            let Some(i) = slot(&mut days, m.at.date()) else {
                continue;
            };
            let day = &mut days[i];
            day.any_entry = true;
            day.first_meal = Some(day.first_meal.map_or(m.at, |f| f.min(m.at)));
            day.last_meal = Some(day.last_meal.map_or(m.at, |l| l.max(m.at)));
            day.tags.extend(m.tags.iter().cloned());
            for f in &m.foods {
                day.foods
                    .insert(crate::domain::factor::food_factor_key(&book, f));
            }
        }
        for intake in &diary.intakes {
            if let Some(i) = slot(&mut days, intake.at.date()) {
                let day = &mut days[i];
                day.any_entry = true;
                day.intake_kinds.insert(intake.kind);
                day.soothing_supplement |= is_soothing_supplement(&intake.name);
            }
        }
        for c in &diary.checkins {
            if let Some(i) = slot(&mut days, c.date) {
                days[i].any_entry |= !c.is_empty();
                days[i].checkin = Some(c.clone());
            }
        }
        for t in &diary.habit_ticks {
            if let Some(i) = slot(&mut days, t.date) {
                days[i].any_entry = true;
                days[i].hand_habits.insert(t.habit.clone());
            }
        }
        let dated = diary
            .symptoms
            .iter()
            .map(|s| s.at.date())
            .chain(diary.stools.iter().map(|s| s.at.date()))
            .chain(diary.red_flags.iter().map(|f| f.date));
        for d in dated {
            if let Some(i) = slot(&mut days, d) {
                days[i].any_entry = true;
            }
        }
        let habits = &content::plan().habits;
        for day in &mut days {
            day.habits_kept = habits
                .iter()
                .filter(|h| day.kept(h))
                .map(|h| h.id.clone())
                .collect();
        }
        DayIndex { from, days }
    }

    pub fn get(&self, date: NaiveDate) -> Option<&DayFacts> {
        let i = (date - self.from).num_days();
        if i < 0 {
            return None;
        }
        self.days.get(i as usize)
    }

    /// The facts for each date from `start` to `end` inclusive (dates
    /// outside the index are skipped).
    pub fn range(&self, start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = &DayFacts> {
        let mut d = start;
        std::iter::from_fn(move || {
            while d <= end {
                let here = d;
                d += Duration::days(1);
                if let Some(f) = self.get(here) {
                    return Some(f);
                }
            }
            None
        })
    }
}
