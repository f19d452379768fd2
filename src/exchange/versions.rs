//! Change times and tombstones (exchange format version 2), and the element
//! view of a diary that `gutlog sync` and `gutlog import` merge.
//!
//! A diary is a set of elements, each named by a kind and a key:
//!
//! | kind | key | one element is |
//! |---|---|---|
//! | meals, symptoms, stools, intakes, plan_runs | the record's id | the record (a plan run without its ticks) |
//! | plan_ticks | `RUN-ID/DAY` | one ticked day of a run |
//! | red_flags | `DATE/FLAG` | one red flag ticked on a date |
//! | habits | `DATE/HABIT` | one habit ticked on a date |
//! | checkins | `DATE/FIELD` | one field of a date's check-in |
//! | food_tags | the food, lower case | the tags remembered for a food |
//! | food_parts | the dish, lower case | the parts of a dish of the user's own |
//! | profile | `birth_year` or `sex` | one field of the profile |
//! | experiments | the experiment's id | the whole experiment (pauses, extension, end) |
//!
//! An element changed after it was made carries a stamp (when, and on which
//! device): the file's "changed" list. A deleted element leaves a tombstone
//! with the same: the "deleted" list. An element without a stamp was never
//! changed, and is older than any change. Merging keeps, for every element,
//! the version with the later stamp (see `crate::sync`).
//!
//! A new kind of record joins by adding a `Kind` variant (its name, its key
//! check, its elements below), its arm in the store's `apply_one`
//! (store/apply.rs) and in `read_part` (store/merge.rs).

use super::{check_id, Exchange};
use crate::domain::experiment::Experiment;
use crate::domain::food::food_key;
use crate::domain::profile::Profile;
use crate::domain::time::{fmt_date, parse_stored_date};
use crate::domain::{check_plan_day, clean_name, CheckIn, InputError, InputResult};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

/// When an element last changed, and on which device. Ordered by time, then
/// by device id, so that the later change wins and a tie breaks the same way
/// on every computer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub at: NaiveDateTime,
    pub by: String,
}

/// The kinds of element, in the order a merge applies them (a plan run
/// before its ticks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Meals,
    Symptoms,
    Stools,
    Intakes,
    PlanRuns,
    PlanTicks,
    RedFlags,
    Habits,
    Checkins,
    FoodTags,
    FoodParts,
    Profile,
    Experiments,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Meals,
        Kind::Symptoms,
        Kind::Stools,
        Kind::Intakes,
        Kind::PlanRuns,
        Kind::PlanTicks,
        Kind::RedFlags,
        Kind::Habits,
        Kind::Checkins,
        Kind::FoodTags,
        Kind::FoodParts,
        Kind::Profile,
        Kind::Experiments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Meals => "meals",
            Kind::Symptoms => "symptoms",
            Kind::Stools => "stools",
            Kind::Intakes => "intakes",
            Kind::PlanRuns => "plan_runs",
            Kind::PlanTicks => "plan_ticks",
            Kind::RedFlags => "red_flags",
            Kind::Habits => "habits",
            Kind::Checkins => "checkins",
            Kind::FoodTags => "food_tags",
            Kind::FoodParts => "food_parts",
            Kind::Profile => "profile",
            Kind::Experiments => "experiments",
        }
    }

    pub fn parse(s: &str) -> InputResult<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| crate::domain::names::unknown("kind", s, &Kind::ALL.map(Kind::name)))
    }

    /// The list of the exchange file that holds this kind's records.
    pub fn section(self) -> &'static str {
        match self {
            Kind::PlanTicks => "plan_runs",
            k => k.name(),
        }
    }

    /// True for the kinds a person counts as entries (an import's summary).
    pub fn is_entry(self) -> bool {
        !matches!(
            self,
            Kind::PlanTicks | Kind::Checkins | Kind::FoodTags | Kind::FoodParts | Kind::Profile
        )
    }

    /// Checks a key of this kind as written in a file; returns it in the
    /// form the diary keeps (ids and foods in lower case).
    pub fn check_key(self, key: &str) -> InputResult<String> {
        let dated = |what: &str, valid: &dyn Fn(&str) -> bool| -> InputResult<String> {
            let (date, name) = key
                .split_once('/')
                .ok_or_else(|| InputError::new(format!("key '{key}' must be DATE/{what}")))?;
            let date = parse_stored_date(date)?;
            if !valid(name) {
                return Err(InputError::new(format!(
                    "key '{key}': '{name}' is not a known {what}"
                )));
            }
            Ok(key::dated(date, name))
        };
        match self {
            Kind::Meals
            | Kind::Symptoms
            | Kind::Stools
            | Kind::Intakes
            | Kind::PlanRuns
            | Kind::Experiments => check_id(Some(key.to_string())),
            Kind::PlanTicks => {
                let (run, day) = key
                    .rsplit_once('/')
                    .ok_or_else(|| InputError::new(format!("key '{key}' must be RUN-ID/DAY")))?;
                let day: i64 = day.parse().map_err(|_| {
                    InputError::new(format!("key '{key}': '{day}' is not a plan day"))
                })?;
                Ok(key::tick(
                    &check_id(Some(run.to_string()))?,
                    check_plan_day(day)?,
                ))
            }
            Kind::RedFlags => dated("red flag", &|f| {
                crate::content::red_flags().flags.iter().any(|x| x.id == f)
            }),
            Kind::Habits => dated("habit", &|h| {
                crate::content::plan().habits.iter().any(|x| x.id == h)
            }),
            Kind::Checkins => dated("check-in field", &|f| CHECKIN_FIELDS.contains(&f)),
            Kind::FoodTags | Kind::FoodParts => Ok(key::food(&clean_name("food", key)?)),
            Kind::Profile => PROFILE_FIELDS
                .iter()
                .find(|f| **f == key)
                .map(|f| f.to_string())
                .ok_or_else(|| {
                    InputError::new(format!(
                        "key '{key}' is not a profile field ({})",
                        PROFILE_FIELDS.join(" or ")
                    ))
                }),
        }
    }
}

/// The keys of elements: one place, for the store and the exchange.
pub mod key {
    use super::*;

    /// A plan tick: `RUN-ID/DAY`.
    pub fn tick(run: &str, day: u8) -> String {
        format!("{run}/{day}")
    }

    /// The run and day of a plan tick's key.
    pub fn split_tick(key: &str) -> Option<(&str, u8)> {
        let (run, day) = key.rsplit_once('/')?;
        Some((run, day.parse().ok()?))
    }

    /// A red flag, habit tick or check-in field: `DATE/NAME`.
    pub fn dated(date: NaiveDate, name: &str) -> String {
        format!("{}/{name}", fmt_date(date))
    }

    /// The date and name of a `DATE/NAME` key.
    pub fn split_dated(key: &str) -> Option<(NaiveDate, &str)> {
        let (date, name) = key.split_once('/')?;
        Some((parse_stored_date(date).ok()?, name))
    }

    /// A food's remembered tags: the food, as the diary keys it.
    pub fn food(food: &str) -> String {
        food_key(food)
    }
}

/// One entry of the "changed" or "deleted" list of an exchange file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    pub kind: Kind,
    pub key: String,
    pub at: NaiveDateTime,
    pub by: String,
}

impl Version {
    pub fn stamp(&self) -> Stamp {
        Stamp {
            at: self.at,
            by: self.by.clone(),
        }
    }
}

/// A device id: 1–64 lower-case letters, digits or '-' (gutlog makes 16
/// hexadecimal digits). It names the diary's file in a sync folder.
pub fn check_device(by: &str) -> InputResult<String> {
    let ok = !by.is_empty()
        && by.len() <= 64
        && by
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(by.to_string())
    } else {
        Err(InputError::new(format!(
            "device '{by}' must be 1–64 lower-case letters, digits or '-'"
        )))
    }
}

/// The fields of a check-in, each merged on its own; named as in the file
/// and in the diary's table.
pub const CHECKIN_FIELDS: [&str; 7] = [
    "mood",
    "energy",
    "stress",
    "sleep_hours",
    "water_glasses",
    "movement_minutes",
    "note",
];

/// The fields of the profile, each merged on its own.
pub const PROFILE_FIELDS: [&str; 2] = ["birth_year", "sex"];

/// The profile's fields with their values as JSON (None when not set).
pub fn profile_fields(p: &Profile) -> [(&'static str, Option<String>); 2] {
    [
        ("birth_year", p.birth_year.map(|v| json(&v))),
        ("sex", p.sex.map(|v| json(&v))),
    ]
}

/// Sets one field of the profile from its JSON value (None clears it).
pub fn set_profile_field(p: &mut Profile, field: &str, value: Option<&str>) -> InputResult<()> {
    let bad = |e: serde_json::Error| InputError::new(format!("profile {field}: {e}"));
    match field {
        "birth_year" => p.birth_year = value.map(serde_json::from_str).transpose().map_err(bad)?,
        "sex" => p.sex = value.map(serde_json::from_str).transpose().map_err(bad)?,
        other => return Err(InputError::new(format!("unknown profile field '{other}'"))),
    }
    Ok(())
}

/// An experiment's element value: the whole experiment as JSON.
pub fn experiment_value(e: &Experiment) -> String {
    json(e)
}

fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).expect("records serialize")
}

/// A check-in's fields with their values as JSON (None when not set).
pub fn checkin_fields(c: &CheckIn) -> [(&'static str, Option<String>); 7] {
    [
        ("mood", c.mood.map(|v| json(&v))),
        ("energy", c.energy.map(|v| json(&v))),
        ("stress", c.stress.map(|v| json(&v))),
        ("sleep_hours", c.sleep_hours.map(|v| json(&v))),
        ("water_glasses", c.water_glasses.map(|v| json(&v))),
        ("movement_minutes", c.movement_minutes.map(|v| json(&v))),
        ("note", c.note.as_ref().map(json)),
    ]
}

/// Sets one field of a check-in from its JSON value (None clears it).
pub fn set_checkin_field(c: &mut CheckIn, field: &str, value: Option<&str>) -> InputResult<()> {
    fn read<T: serde::de::DeserializeOwned>(
        field: &str,
        v: Option<&str>,
    ) -> InputResult<Option<T>> {
        v.map(|v| {
            serde_json::from_str(v).map_err(|e| InputError::new(format!("check-in {field}: {e}")))
        })
        .transpose()
    }
    match field {
        "mood" => c.mood = read(field, value)?,
        "energy" => c.energy = read(field, value)?,
        "stress" => c.stress = read(field, value)?,
        "sleep_hours" => c.sleep_hours = read(field, value)?,
        "water_glasses" => c.water_glasses = read(field, value)?,
        "movement_minutes" => c.movement_minutes = read(field, value)?,
        "note" => c.note = read(field, value)?,
        other => return Err(InputError::new(format!("unknown check-in field '{other}'"))),
    }
    Ok(())
}

/// A plan run's own element: the run without its ticks.
#[derive(Serialize, serde::Deserialize)]
pub struct RunHead {
    pub id: String,
    pub started_on: NaiveDate,
    pub reflection: Option<String>,
    pub created_at: Option<NaiveDateTime>,
}

/// One version of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// When it last changed; None if it never changed after it was made.
    pub stamp: Option<Stamp>,
    /// Its value as JSON; None for a tombstone.
    pub value: Option<String>,
    /// Its place in its list of the file (for messages).
    pub place: usize,
}

/// Every element of a diary or file, by kind and key.
pub type Elements = HashMap<(Kind, String), Element>;

/// The elements of an exchange: its records, with the change times of
/// "changed", and the tombstones of "deleted". Refuses a change time for
/// an element the file does not hold, a tombstone for one it does hold,
/// and two versions of one element.
pub fn elements(ex: &Exchange) -> InputResult<Elements> {
    build(ex, true)
}

/// Checks that "changed" and "deleted" fit the records, as `elements`
/// does, without writing out every value.
pub fn check(ex: &Exchange) -> InputResult<()> {
    build(ex, false).map(drop)
}

fn build(ex: &Exchange, values: bool) -> InputResult<Elements> {
    let mut out = Elements::with_capacity(
        ex.meals.len()
            + ex.symptoms.len()
            + ex.stools.len()
            + ex.intakes.len()
            + ex.checkins.len() * 4
            + ex.food_parts.len()
            + ex.experiments.len()
            + 2
            + ex.changed.len()
            + ex.deleted.len(),
    );
    let mut live = |kind: Kind, key: String, value: &dyn Fn() -> String, place: usize| {
        let value = Some(if values { value() } else { String::new() });
        out.insert(
            (kind, key),
            Element {
                stamp: None,
                value,
                place,
            },
        );
    };
    for (i, r) in ex.meals.iter().enumerate() {
        live(Kind::Meals, r.id.clone(), &|| json(r), i);
    }
    for (i, r) in ex.symptoms.iter().enumerate() {
        live(Kind::Symptoms, r.id.clone(), &|| json(r), i);
    }
    for (i, r) in ex.stools.iter().enumerate() {
        live(Kind::Stools, r.id.clone(), &|| json(r), i);
    }
    for (i, r) in ex.intakes.iter().enumerate() {
        live(Kind::Intakes, r.id.clone(), &|| json(r), i);
    }
    for (i, r) in ex.plan_runs.iter().enumerate() {
        let head = || {
            json(&RunHead {
                id: r.id.clone(),
                started_on: r.started_on,
                reflection: r.reflection.clone(),
                created_at: r.created_at,
            })
        };
        live(Kind::PlanRuns, r.id.clone(), &head, i);
        for t in &r.ticks {
            let done = || json(&t.done_at);
            live(Kind::PlanTicks, key::tick(&r.id, t.day), &done, i);
        }
    }
    let yes = || "true".to_string();
    for (i, f) in ex.red_flags.iter().enumerate() {
        live(Kind::RedFlags, key::dated(f.date, &f.flag), &yes, i);
    }
    for (i, h) in ex.habits.iter().enumerate() {
        live(Kind::Habits, key::dated(h.date, &h.habit), &yes, i);
    }
    for (i, c) in ex.checkins.iter().enumerate() {
        for (field, value) in checkin_fields(c) {
            if let Some(v) = value {
                live(Kind::Checkins, key::dated(c.date, field), &|| v.clone(), i);
            }
        }
    }
    for (i, f) in ex.food_tags.iter().enumerate() {
        live(Kind::FoodTags, key::food(&f.food), &|| json(&f.tags), i);
    }
    for (i, f) in ex.food_parts.iter().enumerate() {
        live(Kind::FoodParts, key::food(&f.food), &|| json(&f.parts), i);
    }
    if let Some(p) = &ex.profile {
        for (field, value) in profile_fields(p) {
            if let Some(v) = value {
                live(Kind::Profile, field.to_string(), &|| v.clone(), 0);
            }
        }
    }
    for (i, e) in ex.experiments.iter().enumerate() {
        live(Kind::Experiments, e.id.clone(), &|| experiment_value(e), i);
    }
    for (i, v) in ex.changed.iter().enumerate() {
        match out.get_mut(&(v.kind, v.key.clone())) {
            Some(e) if e.stamp.is_none() => e.stamp = Some(v.stamp()),
            Some(_) => {
                return Err(InputError::new(format!(
                    "changed[{i}]: {} '{}' is listed twice; give each element one change time",
                    v.kind.name(),
                    v.key
                )))
            }
            None => {
                return Err(InputError::new(format!(
                    "changed[{i}]: {} '{}' is not in the file; a change time belongs to \
                     something the file holds (a deleted one goes in \"deleted\")",
                    v.kind.name(),
                    v.key
                )))
            }
        }
    }
    for (i, v) in ex.deleted.iter().enumerate() {
        let k = (v.kind, v.key.clone());
        if let Some(e) = out.get(&k) {
            let what = if e.value.is_some() {
                format!("is also in {}[{}]", v.kind.section(), e.place)
            } else {
                "is listed twice".to_string()
            };
            return Err(InputError::new(format!(
                "deleted[{i}]: {} '{}' {what}; something deleted cannot be in the file too",
                v.kind.name(),
                v.key
            )));
        }
        out.insert(
            k,
            Element {
                stamp: Some(v.stamp()),
                value: None,
                place: i,
            },
        );
    }
    Ok(out)
}
