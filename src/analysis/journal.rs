//! The Journal's one line per day: a summary of each date's records.
//! Pure, like the rest of `analysis`: the TUI's loop reads the records.

use crate::domain::{CheckIn, Meal, Stool, SymptomRating};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One line of the Journal: a summary of a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DaySummary {
    pub foods: Vec<String>,
    pub meals: usize,
    /// The worst symptom present (rated 1 or more) and its rating.
    pub worst: Option<(String, u8)>,
    pub mood: Option<u8>,
    pub stools: Vec<u8>,
}

/// Summaries of each date from the records of a range of days.
pub fn summarise(
    meals: &[Meal],
    symptoms: &[SymptomRating],
    stools: &[Stool],
    checkins: &[CheckIn],
) -> BTreeMap<NaiveDate, DaySummary> {
    let mut out: BTreeMap<NaiveDate, DaySummary> = BTreeMap::new();
    for m in meals {
        let d = out.entry(m.at.date()).or_default();
        d.meals += 1;
        d.foods.extend(m.foods.iter().cloned());
    }
    for r in symptoms {
        let d = out.entry(r.at.date()).or_default();
        let level = r.severity.level();
        if level > 0 && d.worst.as_ref().is_none_or(|(_, l)| level > *l) {
            d.worst = Some((r.symptom.clone(), level));
        }
    }
    for st in stools {
        out.entry(st.at.date())
            .or_default()
            .stools
            .push(st.bristol.kind());
    }
    for c in checkins {
        out.entry(c.date).or_default().mood = c.mood;
    }
    out
}
