//! The Journal screen's state changes: moving through days newest first,
//! opening a day, searching foods and notes. Summaries come from the loop
//! (`analysis::journal::summarise` over the days around the cursor).

use super::action::{Action, Effect, Screen};
use super::state::{PromptFor, State};
use chrono::NaiveDate;

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
            s.prompt(PromptFor::Search, &q);
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
                return s.go_to(d);
            }
        }
        _ => return Vec::new(),
    }
    match selected(s) {
        Some(d) if !s.journal.summaries.contains_key(&d) => vec![Effect::Reload],
        _ => Vec::new(),
    }
}
