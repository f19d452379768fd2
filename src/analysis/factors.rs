//! What the trigger analysis measures on each date of its window.
//!
//! A unit is a day with at least one meal. It owns the time from its first
//! meal until the next day's first meal, or until 24 h after its own last
//! meal when the next day has no meal, so no two units overlap. Factors are
//! measured per unit (exposed or not, or unknown for check-in values that
//! were not recorded); outcomes are symptom ratings at or above a threshold
//! inside the unit's window. Everything is indexed by the date's position
//! in the window, as sets of days.
//!
//! `meal_labels` is the one place here that says what a meal can be
//! analysed by; it names the ids of `domain::factor::meal_factor_ids`.

use super::bits::DaySet;
use super::days::{DayFacts, DayIndex};
use crate::content;
use crate::domain::factor::meal_factor_ids;
use crate::domain::food::{FoodBook, FODMAP_FACTOR_PREFIX};
use crate::domain::habits::{rule_known, Known};
use crate::domain::{Meal, SymptomRating};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Foods and tags count as factors only when they came on at least this
/// many days with meals (fewer could never be tested).
pub const MIN_LABEL_DAYS: u32 = 4;
/// Two factors whose days agree this closely (phi, the correlation of the
/// two yes/no day series, counting the days without either too) cannot be
/// told apart; at minus this, one is the other's absence.
pub const TOGETHER_PHI: f64 = 0.8;

/// One day with meals and the window of time it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub date: NaiveDate,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// The analysis window: every date from `start`, and the units among them.
#[derive(Debug, Clone)]
pub struct Window {
    pub start: NaiveDate,
    pub units: Vec<Option<Unit>>,
    /// The dates with meals.
    pub meal_days: DaySet,
}

impl Window {
    /// Dates in the window.
    pub fn size(&self) -> usize {
        self.units.len()
    }

    pub fn date(&self, i: usize) -> NaiveDate {
        self.start + Duration::days(i as i64)
    }
}

/// The window from `start` to `end` inclusive. The day after `end` is read
/// (when the index holds it) only to close the last unit.
pub fn window(index: &DayIndex, start: NaiveDate, end: NaiveDate) -> Window {
    let len = ((end - start).num_days() + 1).max(0) as usize;
    let mut meal_days = DaySet::new(len);
    let units = (0..len)
        .map(|i| {
            let date = start + Duration::days(i as i64);
            let day = index.get(date)?;
            let (first, last) = (day.first_meal?, day.last_meal?);
            let next_first = index
                .get(date + Duration::days(1))
                .and_then(|n| n.first_meal);
            meal_days.set(i);
            Some(Unit {
                date,
                start: first,
                end: next_first.unwrap_or(last + Duration::hours(24)),
            })
        })
        .collect();
    Window {
        start,
        units,
        meal_days,
    }
}

/// Something a meal can be analysed by: `tag:<tag>` or `food:<food>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    /// Words for sentences: "dairy", "bone broth".
    pub words: String,
    /// `Kind::Tag` for a category (tested as a main comparison and named
    /// first in a group), `Kind::Food` for a single food (exploratory).
    pub kind: Kind,
}

/// "Dairy" → "dairy", but "NSAID pain reliever" and "High FODMAP" keep
/// their capitals where they matter.
pub(super) fn lower_first(name: &str) -> String {
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

/// Every label a meal can be analysed by: the factor ids
/// `domain::factor::meal_factor_ids` gives it (its stored tags, its foods
/// by their dictionary names, a food named like a tag as that tag, and the
/// FODMAP groups of its foods), with words for sentences. The day index,
/// the factors and their grouping all read this list, and experiments read
/// the same ids, so a finding and an experiment mean the same by a factor.
pub fn meal_labels(book: &FoodBook, meal: &Meal) -> Vec<Label> {
    meal_factor_ids(meal, book)
        .into_iter()
        .map(|id| {
            let (kind, words) = if let Some(tag) = id.strip_prefix("tag:") {
                (Kind::Tag, tag_label(tag))
            } else if let Some(group) = id.strip_prefix(FODMAP_FACTOR_PREFIX) {
                let name = content::foods()
                    .group(group)
                    .map_or_else(|| group.to_string(), |g| lower_first(&g.name));
                (
                    Kind::Fodmap,
                    content::insights().fodmap_label.replace("{group}", &name),
                )
            } else {
                (Kind::Food, id.trim_start_matches("food:").to_string())
            };
            Label { id, words, kind }
        })
        .collect()
}

/// What kind of thing a factor is; also the order of preference for the
/// one that names a group of factors that cannot be told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Tag,
    /// A FODMAP group worked out from the foods: a category like a tag,
    /// named after the tags when a group of factors cannot be told apart.
    Fodmap,
    Food,
    Intake,
    CheckinHabit,
    HealingHabit,
}

/// Something a day may be exposed to, measured on every unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// `tag:<tag>`, `food:<food>`, `intake:<kind>` or `habit:<name>`.
    pub id: String,
    /// Words for sentences: "dairy", "short sleep (under 7 h)".
    pub label: String,
    pub kind: Kind,
    /// Units where the factor was recorded either way.
    pub known: DaySet,
    /// Units exposed (a subset of `known`).
    pub on: DaySet,
    /// When the factor first came that day (meals and intakes), by date.
    pub times: Vec<Option<NaiveDateTime>>,
    /// Meant to help (a helpful tag, a daily habit, a probiotic): its main
    /// question is whether symptoms are less common with it.
    pub helps: bool,
}

impl Factor {
    fn from_fn(
        id: String,
        label: String,
        kind: Kind,
        window: &Window,
        index: &DayIndex,
        test: impl Fn(&DayFacts) -> Option<bool>,
    ) -> Factor {
        let mut known = DaySet::new(window.size());
        let mut on = DaySet::new(window.size());
        for i in window.meal_days.iter() {
            if let Some(v) = index.get(window.date(i)).and_then(&test) {
                known.set(i);
                if v {
                    on.set(i);
                }
            }
        }
        Factor {
            id,
            label,
            kind,
            known,
            on,
            times: Vec::new(),
            helps: false,
        }
    }

    /// Share of the known days that were exposed.
    pub fn share(&self) -> f64 {
        self.on.count() as f64 / self.known.count().max(1) as f64
    }
}

/// Every factor measured on the window, in a stable order: tags, foods,
/// intake kinds, check-in habits, daily habits.
pub fn factors(index: &DayIndex, window: &Window) -> Vec<Factor> {
    let mut out = Vec::new();
    // Labels of meals and intakes, with the first time of each per day.
    let mut labels: Vec<Option<Factor>> = vec![None; index.labels.len()];
    for i in window.meal_days.iter() {
        let Some(day) = index.get(window.date(i)) else {
            continue;
        };
        for &(l, at) in &day.labels {
            let f = labels[l as usize].get_or_insert_with(|| {
                let label = &index.labels[l as usize];
                Factor {
                    id: label.id.clone(),
                    label: label.words.clone(),
                    kind: label.kind,
                    known: window.meal_days.clone(),
                    on: DaySet::new(window.size()),
                    times: vec![None; window.size()],
                    helps: helps(&label.id),
                }
            });
            f.on.set(i);
            f.times[i] = Some(at);
        }
    }
    let mut labels: Vec<Factor> = labels
        .into_iter()
        .flatten()
        .filter(|f| f.on.count() >= MIN_LABEL_DAYS)
        .collect();
    labels.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    out.extend(labels);
    let insights = content::insights();
    for h in &insights.checkin_habits {
        out.push(Factor::from_fn(
            format!("habit:{}", h.id),
            h.label(),
            Kind::CheckinHabit,
            window,
            index,
            |d| d.checkin.as_ref().and_then(|c| h.holds(c)),
        ));
    }
    for h in &content::plan().habits {
        let mut f = Factor::from_fn(
            format!("habit:{}", h.id),
            insights.healing_habit_label.replace("{name}", &h.name),
            Kind::HealingHabit,
            window,
            index,
            |d| {
                if d.hand_habits.contains(&h.id) {
                    return Some(true);
                }
                match h.auto.as_deref().map(|r| rule_known(r, d)) {
                    None | Some(Known::Unknown) => Some(false),
                    Some(Known::NotRecorded) => None,
                    Some(Known::Is(b)) => Some(b),
                }
            },
        );
        f.helps = true;
        out.push(f);
    }
    out
}

/// Is this label meant to help: a tag of the "helpful" kind, a probiotic?
fn helps(id: &str) -> bool {
    match id.split_once(':') {
        Some(("tag", tag)) => content::foods()
            .tags
            .iter()
            .any(|t| t.id == tag && t.kind == "helpful"),
        Some(("intake", kind)) => kind == crate::domain::IntakeKind::Probiotic.as_str(),
        _ => false,
    }
}

/// One symptom over the window: the units where it was rated at least the
/// threshold, and the last such rating's time in each.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub symptom: String,
    pub on: DaySet,
    pub last: Vec<Option<NaiveDateTime>>,
}

/// Per symptom, per unit: was the symptom rated at least `min_severity`
/// inside the unit's window. Only symptoms that reached the threshold at
/// least once are listed, in name order.
pub fn outcomes(symptoms: &[SymptomRating], window: &Window, min_severity: u8) -> Vec<Outcome> {
    let units: Vec<(usize, Unit)> = window
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((i, (*u)?)))
        .collect();
    let mut out: BTreeMap<&str, Outcome> = BTreeMap::new();
    for s in symptoms
        .iter()
        .filter(|s| s.severity.level() >= min_severity)
    {
        // Units are sorted and do not overlap: the candidate is the last
        // unit starting at or before the rating.
        let k = units.partition_point(|(_, u)| u.start <= s.at);
        if k == 0 || s.at >= units[k - 1].1.end {
            continue;
        }
        let i = units[k - 1].0;
        let o = out.entry(&s.symptom).or_insert_with(|| Outcome {
            symptom: s.symptom.clone(),
            on: DaySet::new(window.size()),
            last: vec![None; window.size()],
        });
        o.on.set(i);
        o.last[i] = Some(o.last[i].map_or(s.at, |t: NaiveDateTime| t.max(s.at)));
    }
    out.into_values().collect()
}

/// The correlation of two factors' yes/no day series over the days where
/// both are known (phi): 1 when they come and go together, −1 when one is
/// the other's absence, 0 when unrelated or when either never varies.
pub fn phi(a: &Factor, b: &Factor) -> f64 {
    let both_known = a.known.and(&b.known);
    super::stats::phi(
        DaySet::count_all(&[&both_known, &a.on, &b.on]),
        DaySet::count_all(&[&both_known, &a.on]),
        DaySet::count_all(&[&both_known, &b.on]),
        both_known.count(),
    )
}

/// Factors that cannot be told apart, tested once under the first one's
/// name (`rep`): `together` come and go with it; `complements` are its
/// absence ("avoid irritants" on the days without any irritant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub rep: usize,
    pub together: Vec<usize>,
    pub complements: Vec<usize>,
}

/// Groups the factors: each joins the first group whose named factor it
/// agrees with to |phi| ≥ `TOGETHER_PHI`, in the order tags, FODMAP groups, foods,
/// intakes, check-in habits, daily habits.
pub fn groups(factors: &[Factor]) -> Vec<Group> {
    let mut order: Vec<usize> = (0..factors.len()).collect();
    order.sort_by_key(|&i| factors[i].kind);
    let mut out: Vec<Group> = Vec::new();
    for i in order {
        let joined = out.iter_mut().find_map(|g| {
            let r = phi(&factors[g.rep], &factors[i]);
            (r.abs() >= TOGETHER_PHI).then_some((g, r))
        });
        match joined {
            Some((g, r)) if r > 0.0 => g.together.push(i),
            Some((g, _)) => g.complements.push(i),
            None => out.push(Group {
                rep: i,
                together: Vec::new(),
                complements: Vec::new(),
            }),
        }
    }
    out
}
