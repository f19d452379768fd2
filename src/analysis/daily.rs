//! One row per date for spreadsheets (`daily.csv`): each symptom's worst
//! rating, the stools and their types, the check-in, the meals and their
//! tags, medicines and red flags of the day.

use super::days::DayIndex;
use super::Diary;
use crate::content;
use crate::domain::CheckIn;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DailyRow {
    pub date: NaiveDate,
    /// Anything at all logged on this date.
    pub logged: bool,
    /// Each symptom's worst rating of the day, by symptom id.
    pub worst: BTreeMap<String, u8>,
    /// Bristol types of the day's stools, in time order.
    pub stool_types: Vec<u8>,
    pub checkin: Option<CheckIn>,
    pub meals: u32,
    pub tags: BTreeSet<String>,
    /// Medicines and supplements taken, in time order.
    pub intakes: Vec<String>,
    pub red_flags: Vec<String>,
}

/// The symptoms rated in `diary`: catalogue symptoms in catalogue order,
/// then the person's own, alphabetically.
pub fn symptoms_rated(diary: &Diary) -> Vec<String> {
    let rated: BTreeSet<&str> = diary.symptoms.iter().map(|s| s.symptom.as_str()).collect();
    let catalogue = &content::symptoms().symptoms;
    let mut out: Vec<String> = catalogue
        .iter()
        .filter(|c| rated.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect();
    out.extend(
        rated
            .iter()
            .filter(|id| !catalogue.iter().any(|c| c.id == **id))
            .map(|id| id.to_string()),
    );
    out
}

/// A row for every date from `from` to `to`, both included.
pub fn daily_rows(diary: &Diary, from: NaiveDate, to: NaiveDate) -> Vec<DailyRow> {
    let index = DayIndex::build(diary, from, to);
    let mut rows: Vec<DailyRow> = index
        .range(from, to)
        .map(|d| DailyRow {
            date: d.date,
            logged: d.any_entry,
            checkin: d.checkin.clone().filter(|c| !c.is_empty()),
            tags: d.tags.clone(),
            ..DailyRow::default()
        })
        .collect();
    let mut at = |d: NaiveDate, f: &mut dyn FnMut(&mut DailyRow)| {
        let i = (d - from).num_days();
        if let Some(row) = usize::try_from(i).ok().and_then(|i| rows.get_mut(i)) {
            f(row);
        }
    };
    for m in &diary.meals {
        at(m.at.date(), &mut |r| r.meals += 1);
    }
    for s in &diary.symptoms {
        at(s.at.date(), &mut |r| {
            let e = r.worst.entry(s.symptom.clone()).or_default();
            *e = (*e).max(s.severity.level());
        });
    }
    for s in &diary.stools {
        at(s.at.date(), &mut |r| r.stool_types.push(s.bristol.kind()));
    }
    for i in &diary.intakes {
        at(i.at.date(), &mut |r| r.intakes.push(i.name.clone()));
    }
    for f in &diary.red_flags {
        at(f.date, &mut |r| r.red_flags.push(f.flag.clone()));
    }
    rows
}
