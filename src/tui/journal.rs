//! The Journal screen's state changes: moving through days newest first,
//! opening a day, searching foods and notes. Summaries come from `reload`.

use super::action::{Action, Effect, Screen};
use super::state::{DaySummary, PromptFor, State};
use crate::domain::{CheckIn, Meal, Stool, SymptomRating};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Days summarised either side of the cursor.
pub const WINDOW: usize = 60;

fn len(s: &State) -> usize {
    if s.journal.query.is_some() {
        s.journal.results.len()
    } else {
        s.journal.dates.len()
    }
}

/// The date under the cursor.
pub fn selected(s: &State) -> Option<NaiveDate> {
    if s.journal.query.is_some() {
        s.journal.results.get(s.journal.cursor).map(|m| m.at.date())
    } else {
        s.journal.dates.get(s.journal.cursor).copied()
    }
}

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let n = len(s);
    let page = s.size.1.saturating_sub(6).max(1) as usize;
    let c = &mut s.journal.cursor;
    match action {
        Action::Up => *c = c.saturating_sub(1),
        Action::Down => *c = (*c + 1).min(n.saturating_sub(1)),
        Action::PageUp => *c = c.saturating_sub(page),
        Action::PageDown => *c = (*c + page).min(n.saturating_sub(1)),
        Action::Top => *c = 0,
        Action::Bottom => *c = n.saturating_sub(1),
        Action::Search => {
            let q = s.journal.query.clone().unwrap_or_default();
            super::update::prompt(s, PromptFor::Search, &q);
            return Vec::new();
        }
        Action::Close => {
            s.journal.query = None;
            s.journal.results.clear();
            s.journal.cursor = 0;
        }
        Action::Enter => {
            if let Some(d) = selected(s) {
                s.screen = Screen::Today;
                return super::update::go_to(s, d);
            }
        }
        _ => return Vec::new(),
    }
    match selected(s) {
        Some(d) if !s.journal.summaries.contains_key(&d) => vec![Effect::Reload],
        _ => Vec::new(),
    }
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
