//! The units of the trigger analysis and what is measured on them.
//!
//! A unit is a day with at least one meal. It owns the time from its first
//! meal until the next day's first meal, or until 24 h after its own last
//! meal when the next day has no meal, so no two units overlap. Factors are
//! measured per unit (exposed or not, or unknown for check-in habits that
//! were not recorded); outcomes are symptom ratings at or above a threshold
//! inside the unit's window.

use super::days::{DayFacts, DayIndex};
use crate::content;
use crate::domain::SymptomRating;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

/// Foods count as factors only when eaten on at least this many units.
pub const MIN_FOOD_DAYS: usize = 4;

/// One day with meals and the window of time it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub date: NaiveDate,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// The units from `start` to `end` inclusive. The day after `end` is read
/// (when the index holds it) only to close the last window.
pub fn units(index: &DayIndex, start: NaiveDate, end: NaiveDate) -> Vec<Unit> {
    index
        .range(start, end)
        .filter_map(|day| {
            let first = day.first_meal?;
            let last = day.last_meal?;
            let next_first = index
                .get(day.date + Duration::days(1))
                .and_then(|n| n.first_meal);
            Some(Unit {
                date: day.date,
                start: first,
                end: next_first.unwrap_or(last + Duration::hours(24)),
            })
        })
        .collect()
}

/// Something a day may be exposed to, measured on every unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// `tag:<tag>`, `food:<food>`, `intake:<kind>` or `habit:<name>`.
    pub id: String,
    /// Words for sentences: "dairy", "short sleep (under 7 h)".
    pub label: String,
    /// Per unit: exposed, not exposed, or unknown (not recorded).
    pub exposure: Vec<Option<bool>>,
}

/// "Dairy" → "dairy", but "NSAID pain reliever" and "High FODMAP" keep
/// their capitals where they matter.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => a
            .to_lowercase()
            .chain(name[a.len_utf8()..].chars())
            .collect(),
        _ => name.to_string(),
    }
}

fn tag_label(tag: &str) -> String {
    content::foods()
        .tags
        .iter()
        .find(|t| t.id == tag)
        .map_or_else(|| tag.replace('_', " "), |t| lower_first(&t.name))
}

/// The check-in habits' thresholds live in `domain::factor` (experiments use them too).
fn checkin_habit(id: &str, day: &DayFacts) -> Option<bool> {
    crate::domain::factor::checkin_habit(id, day.checkin.as_ref()?)
}

/// Every factor measured on `units`, in a stable order: tags, foods,
/// intake kinds, check-in habits, daily habits.
pub fn factors(index: &DayIndex, units: &[Unit]) -> Vec<Factor> {
    let days: Vec<&DayFacts> = units.iter().filter_map(|u| index.get(u.date)).collect();
    let mut out = Vec::new();
    let mut present = |id: String, label: String, test: &dyn Fn(&DayFacts) -> bool| {
        let exposure = days.iter().map(|d| Some(test(d))).collect();
        out.push(Factor {
            id,
            label,
            exposure,
        });
    };

    let tags: BTreeSet<&String> = days.iter().flat_map(|d| &d.tags).collect();
    for tag in tags {
        present(format!("tag:{tag}"), tag_label(tag), &|d| {
            d.tags.contains(tag)
        });
    }
    let mut food_days: BTreeMap<&String, usize> = BTreeMap::new();
    for f in days.iter().flat_map(|d| &d.foods) {
        *food_days.entry(f).or_default() += 1;
    }
    for (food, n) in food_days {
        if n >= MIN_FOOD_DAYS {
            present(format!("food:{food}"), food.clone(), &|d| {
                d.foods.contains(food)
            });
        }
    }
    let kinds: BTreeSet<_> = days.iter().flat_map(|d| &d.intake_kinds).collect();
    for kind in kinds {
        let label = content::intakes()
            .kinds
            .iter()
            .find(|k| k.id == kind.as_str())
            .map_or_else(|| kind.as_str().to_string(), |k| lower_first(&k.name));
        present(format!("intake:{}", kind.as_str()), label, &|d| {
            d.intake_kinds.contains(kind)
        });
    }
    let insights = content::insights();
    for h in &insights.checkin_habits {
        out.push(Factor {
            id: format!("habit:{}", h.id),
            label: h.label.clone(),
            exposure: days.iter().map(|d| checkin_habit(&h.id, d)).collect(),
        });
    }
    for h in &content::plan().habits {
        out.push(Factor {
            id: format!("habit:{}", h.id),
            label: insights.healing_habit_label.replace("{name}", &h.name),
            exposure: days
                .iter()
                .map(|d| Some(d.habits_kept.contains(&h.id)))
                .collect(),
        });
    }
    out
}

/// Per symptom, per unit: was the symptom rated at least `min_severity`
/// inside the unit's window. Only symptoms that reached the threshold at
/// least once are listed.
pub fn outcomes(
    symptoms: &[SymptomRating],
    units: &[Unit],
    min_severity: u8,
) -> BTreeMap<String, Vec<bool>> {
    let mut out: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    for s in symptoms
        .iter()
        .filter(|s| s.severity.level() >= min_severity)
    {
        // Units are sorted and do not overlap: the candidate is the last
        // unit starting at or before the rating.
        let i = units.partition_point(|u| u.start <= s.at);
        if i == 0 || s.at >= units[i - 1].end {
            continue;
        }
        out.entry(s.symptom.clone())
            .or_insert_with(|| vec![false; units.len()])[i - 1] = true;
    }
    out
}
