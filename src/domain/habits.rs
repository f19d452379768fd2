//! The daily habits: which ones a day's log shows as kept.
//!
//! `content/plan.json` names an `auto` rule per habit (or none, for habits
//! only the person can tick). The rules are plain functions over a
//! `HabitDay`, so the TUI and the analysis agree on them.

use super::{CheckIn, DayLog, IntakeKind};
use crate::content;
use crate::domain::food::food_key;

/// Meal tags that break "avoid irritants".
const IRRITANT_TAGS: [&str; 4] = ["added_sugar", "processed", "additives", "alcohol"];
/// Meal tags that count as whole foods (the `healing_foods` habit id is kept
/// from earlier versions so old diaries still match).
const HEALING_TAGS: [&str; 3] = ["whole_food", "bone_broth", "healthy_fat"];
/// Meal tags that support the microbiome.
const MICROBIOME_TAGS: [&str; 2] = ["fermented", "prebiotic"];

/// Is this medicine or supplement one the guide names for soothing the gut
/// lining (the list lives in `content/insights.json`)?
pub fn is_soothing_supplement(name: &str) -> bool {
    let key = food_key(name);
    content::insights().soothing_supplements.contains(&key)
}

/// What the automatic rules look at in one day: implemented by a day's log
/// (the TUI) and by the analysis's per-day summary, so both agree.
pub trait HabitDay {
    fn has_meal(&self) -> bool;
    fn has_tag(&self, tag: &str) -> bool;
    fn took(&self, kind: IntakeKind) -> bool;
    fn took_soothing_supplement(&self) -> bool;
    fn checkin(&self) -> Option<&CheckIn>;
}

impl HabitDay for DayLog {
    fn has_meal(&self) -> bool {
        !self.meals.is_empty()
    }
    fn has_tag(&self, tag: &str) -> bool {
        self.meals.iter().any(|m| m.tags.iter().any(|t| t == tag))
    }
    fn took(&self, kind: IntakeKind) -> bool {
        self.intakes.iter().any(|i| i.kind == kind)
    }
    fn took_soothing_supplement(&self) -> bool {
        self.intakes.iter().any(|i| is_soothing_supplement(&i.name))
    }
    fn checkin(&self) -> Option<&CheckIn> {
        self.checkin.as_ref()
    }
}

/// Whether the named `auto` rule holds for this day; None for an unknown
/// rule. A day without the check-in values a rule reads counts as not kept
/// (what the day's screen shows); the analysis uses `rule_known` instead.
pub fn rule_holds(rule: &str, day: &impl HabitDay) -> Option<bool> {
    match rule_known(rule, day) {
        Known::Unknown => None,
        Known::NotRecorded => Some(false),
        Known::Is(b) => Some(b),
    }
}

/// What the data says about a rule on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Not a rule gutlog knows.
    Unknown,
    /// The rule reads check-in values that were not recorded that day.
    NotRecorded,
    Is(bool),
}

/// Whether the named `auto` rule holds, telling "not kept" apart from "not
/// recorded": water and sleep on a day with no check-in is not recorded.
pub fn rule_known(rule: &str, day: &impl HabitDay) -> Known {
    let any = |tags: &[&str]| tags.iter().any(|t| day.has_tag(t));
    Known::Is(match rule {
        "no_irritants" => day.has_meal() && !any(&IRRITANT_TAGS),
        "healing_foods" => any(&HEALING_TAGS),
        // Foods only: a probiotic supplement is tracked, never a goal.
        "fermented_or_prebiotic" => any(&MICROBIOME_TAGS),
        "soothing_supplement" => day.took_soothing_supplement(),
        "water_and_sleep" => {
            let Some(c) = day.checkin() else {
                return Known::NotRecorded;
            };
            // Enough water is not "little water", and enough sleep not
            // "short sleep", by the check-in habits' thresholds
            // (content/insights.json), which the analysis uses too.
            let water = super::factor::checkin_habit("low_water", c).map(|low| !low);
            let sleep = super::factor::checkin_habit("short_sleep", c).map(|short| !short);
            match (water, sleep) {
                (Some(false), _) | (_, Some(false)) => false,
                (Some(true), Some(true)) => true,
                _ => return Known::NotRecorded,
            }
        }
        _ => return Known::Unknown,
    })
}

/// How a habit came to be kept on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The logged data shows it.
    FromData,
    /// Ticked by hand.
    ByHand,
    No,
}

/// One habit's state on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HabitCheck {
    pub id: String,
    pub name: String,
    pub kept: Kept,
    /// True when gutlog can tick it from data (it has an `auto` rule).
    pub automatic: bool,
}

/// Every current habit in content order (retired ones are not goals any
/// more), checked against the day's log. The data
/// wins over a hand tick, so the reason shown is the stronger one.
pub fn check_day(day: &DayLog) -> Vec<HabitCheck> {
    content::plan()
        .habits
        .iter()
        .map(|h| {
            let auto = h.auto.as_deref().and_then(|r| rule_holds(r, day));
            let kept = if auto == Some(true) {
                Kept::FromData
            } else if day.habits.contains(&h.id) {
                Kept::ByHand
            } else {
                Kept::No
            };
            HabitCheck {
                id: h.id.clone(),
                name: h.name.clone(),
                kept,
                automatic: auto.is_some(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CheckIn, Meal, Slot};
    use chrono::NaiveDate;

    fn day_with(tags: &[&str]) -> DayLog {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        DayLog {
            date,
            meals: vec![Meal {
                id: "m".into(),
                at: date.and_hms_opt(12, 0, 0).unwrap(),
                slot: Slot::Lunch,
                foods: vec!["x".into()],
                tags: tags.iter().map(|t| t.to_string()).collect(),
                note: None,
            }],
            ..DayLog::default()
        }
    }

    #[test]
    fn every_content_rule_is_known() {
        for h in &content::plan().habits {
            if let Some(rule) = &h.auto {
                assert!(rule_holds(rule, &DayLog::default()).is_some(), "{rule}");
            }
        }
    }

    #[test]
    fn rules_follow_the_data() {
        assert_eq!(rule_holds("no_irritants", &DayLog::default()), Some(false));
        assert_eq!(
            rule_holds("no_irritants", &day_with(&["whole_food"])),
            Some(true)
        );
        assert_eq!(
            rule_holds("no_irritants", &day_with(&["alcohol"])),
            Some(false)
        );
        assert_eq!(
            rule_holds("fermented_or_prebiotic", &day_with(&["fermented"])),
            Some(true)
        );
        let mut d = DayLog {
            checkin: Some(CheckIn {
                water_glasses: Some(8),
                sleep_hours: Some(7.5),
                ..CheckIn::default()
            }),
            ..DayLog::default()
        };
        assert_eq!(rule_holds("water_and_sleep", &d), Some(true));
        d.habits.push("reduce_stress".into());
        let checks = check_day(&d);
        let stress = checks.iter().find(|c| c.id == "reduce_stress").unwrap();
        assert_eq!(stress.kept, Kept::ByHand);
        assert!(!stress.automatic);
    }
}
