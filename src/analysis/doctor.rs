//! What the diary itself can show that deserves a doctor's visit: bloating
//! on more than 12 of the last 30 days (NICE NG12's threshold), and a new
//! change in stool pattern that has lasted weeks. Pure functions over plain
//! records; the wording and sources live in `content/notes.json`.
//!
//! Every threshold is a constant here, so the CLI, the TUI and the tests
//! share one rule.

use crate::content;
use crate::domain::profile::{Profile, Sex};
use crate::domain::{Stool, SymptomRating};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

/// The symptom the bloating rule counts.
pub const BLOATING: &str = "bloating";
/// Days looked back over for bloating, the date itself included.
pub const BLOATING_WINDOW_DAYS: i64 = 30;
/// Bloating on more than this many days of the window is a note (NICE NG12:
/// "more than 12 times per month").
pub const BLOATING_MAX_DAYS: usize = 12;

/// Recent weeks that must each show the change ("lasting weeks").
pub const STOOL_RECENT_WEEKS: i64 = 4;
/// The weeks before them that show what was usual.
pub const STOOL_BASELINE_WEEKS: i64 = 8;
/// Stools needed in each recent week, and in the baseline, to judge at all.
pub const STOOL_MIN_PER_WEEK: usize = 3;
pub const STOOL_MIN_BASELINE: usize = 10;
/// A kind of stool was uncommon before (share below this)…
pub const STOOL_SHARE_BEFORE_BELOW: f64 = 0.25;
/// …and is now at least this share of every recent week's stools.
pub const STOOL_SHARE_NOW_AT_LEAST: f64 = 0.5;
/// More frequent: every recent week has at least this many times the
/// baseline's stools per stool day, and at least one more per day.
pub const STOOL_FREQUENCY_RATIO: f64 = 1.5;

/// A calm "see a doctor" note drawn from the diary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoctorNote {
    /// `bloating_often` or `stool_change`.
    pub id: &'static str,
    pub text: String,
    /// Source ids (content/sources.json).
    pub sources: Vec<String>,
}

impl DoctorNote {
    /// The text followed by its source labels.
    pub fn cited(&self) -> String {
        format!("{} {}", self.text, content::cite(&self.sources))
    }
}

/// How a stool pattern changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoolChange {
    Looser,
    Harder,
    MoreFrequent,
}

/// The first date whose records the notes for `on` read.
pub fn notes_start(on: NaiveDate) -> NaiveDate {
    let days = (BLOATING_WINDOW_DAYS).max(7 * (STOOL_RECENT_WEEKS + STOOL_BASELINE_WEEKS));
    on - Duration::days(days - 1)
}

/// Distinct dates in the 30 days ending `on` with bloating rated 1 or more.
pub fn bloating_days(symptoms: &[SymptomRating], on: NaiveDate) -> usize {
    let from = on - Duration::days(BLOATING_WINDOW_DAYS - 1);
    symptoms
        .iter()
        .filter(|s| s.symptom == BLOATING && s.severity.level() >= 1)
        .map(|s| s.at.date())
        .filter(|d| (from..=on).contains(d))
        .collect::<BTreeSet<_>>()
        .len()
}

/// The bloating note, when bloating was rated on more than 12 of the last
/// 30 days. Men get the general wording; women and people who gave no sex
/// get NICE's ovarian-cancer advice.
pub fn bloating_note(
    symptoms: &[SymptomRating],
    on: NaiveDate,
    profile: &Profile,
) -> Option<DoctorNote> {
    let days = bloating_days(symptoms, on);
    if days <= BLOATING_MAX_DAYS {
        return None;
    }
    let notes = content::notes();
    let note = if profile.sex == Some(Sex::Male) {
        &notes.bloating_often_male
    } else {
        &notes.bloating_often
    };
    Some(DoctorNote {
        id: "bloating_often",
        text: note
            .text
            .replace("{days}", &days.to_string())
            .replace("{window}", &BLOATING_WINDOW_DAYS.to_string()),
        sources: note.sources.clone(),
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct Pattern {
    stools: usize,
    loose: usize,
    hard: usize,
    stool_days: usize,
}

impl Pattern {
    fn of(stools: &[Stool], from: NaiveDate, to: NaiveDate) -> Pattern {
        let mut p = Pattern::default();
        let mut days = BTreeSet::new();
        for s in stools.iter().filter(|s| (from..=to).contains(&s.at.date())) {
            p.stools += 1;
            match s.bristol.kind() {
                1 | 2 => p.hard += 1,
                6 | 7 => p.loose += 1,
                _ => {}
            }
            days.insert(s.at.date());
        }
        p.stool_days = days.len();
        p
    }
    fn share(n: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            n as f64 / of as f64
        }
    }
    fn per_day(&self) -> f64 {
        Self::share(self.stools, self.stool_days)
    }
}

/// How the stools of the last 4 weeks differ from the 8 weeks before,
/// when every one of the 4 weeks shows the same change. Empty when there
/// is no lasting change, or too few stools were logged to tell.
pub fn stool_changes(stools: &[Stool], on: NaiveDate) -> Vec<StoolChange> {
    let recent_start = on - Duration::days(7 * STOOL_RECENT_WEEKS - 1);
    let base_end = recent_start - Duration::days(1);
    let base_start = recent_start - Duration::days(7 * STOOL_BASELINE_WEEKS);
    let base = Pattern::of(stools, base_start, base_end);
    if base.stools < STOOL_MIN_BASELINE {
        return Vec::new();
    }
    let weeks: Vec<Pattern> = (0..STOOL_RECENT_WEEKS)
        .map(|k| {
            let end = on - Duration::days(7 * k);
            Pattern::of(stools, end - Duration::days(6), end)
        })
        .collect();
    if weeks.iter().any(|w| w.stools < STOOL_MIN_PER_WEEK) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let shifted = |count: fn(&Pattern) -> usize| {
        Pattern::share(count(&base), base.stools) < STOOL_SHARE_BEFORE_BELOW
            && weeks
                .iter()
                .all(|w| Pattern::share(count(w), w.stools) >= STOOL_SHARE_NOW_AT_LEAST)
    };
    if shifted(|p| p.loose) {
        out.push(StoolChange::Looser);
    }
    if shifted(|p| p.hard) {
        out.push(StoolChange::Harder);
    }
    let b = base.per_day();
    if weeks.iter().all(|w| {
        let d = w.per_day();
        d >= b * STOOL_FREQUENCY_RATIO && d >= b + 1.0
    }) {
        out.push(StoolChange::MoreFrequent);
    }
    out
}

/// The stool-change note, when the stool pattern changed and stayed changed.
pub fn stool_change_note(stools: &[Stool], on: NaiveDate) -> Option<DoctorNote> {
    let changes = stool_changes(stools, on);
    if changes.is_empty() {
        return None;
    }
    let notes = content::notes();
    let w = &notes.stool_change_words;
    let words: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            StoolChange::Looser => w.looser.as_str(),
            StoolChange::Harder => w.harder.as_str(),
            StoolChange::MoreFrequent => w.more_frequent.as_str(),
        })
        .collect();
    Some(DoctorNote {
        id: "stool_change",
        text: notes
            .stool_change
            .text
            .replace("{change}", &words.join(" and "))
            .replace("{weeks}", &STOOL_RECENT_WEEKS.to_string()),
        sources: notes.stool_change.sources.clone(),
    })
}

/// Every note the diary shows as of `on`. Records before `notes_start(on)`
/// and after `on` are ignored, so callers may pass more.
pub fn doctor_notes(
    symptoms: &[SymptomRating],
    stools: &[Stool],
    on: NaiveDate,
    profile: &Profile,
) -> Vec<DoctorNote> {
    bloating_note(symptoms, on, profile)
        .into_iter()
        .chain(stool_change_note(stools, on))
        .collect()
}
