//! The JSON exchange format (`gutlog export` / `gutlog import`).
//!
//! Export writes every record in a fixed order, so that export → import
//! into an empty diary → export gives identical JSON. Import validates every
//! record exactly as the CLI does and names the first bad one.
//!
//! Version 2 adds when elements changed ("changed") and what was deleted
//! ("deleted"), so that deletions and edits carry over (versions.rs).
//! Version 3 adds three kinds to those lists (`food_parts`, `profile`,
//! `experiments`), which a version-2 reader refuses: it says the file is
//! from a newer gutlog instead. Versions 1 and 2 are still read.

use crate::domain::experiment::{check_experiment, Condition, Design, Experiment, Pause, Phase};
use crate::domain::factor::Factor;
use crate::domain::food::{parse_tag, FoodBook};
use crate::domain::meal::{MealDraft, TagChoice};
use crate::domain::names::normalize_key;
use crate::domain::profile::{check_birth_year, Profile, Sex};
use crate::domain::time::{parse_stored_date, parse_stored_datetime};
use crate::domain::{
    check_movement, check_plan_day, check_scale, check_sleep, check_water, clean_name, clean_note,
    new_id, new_symptom_id, parse_red_flag, parse_symptom, Bristol, CheckIn, HabitTick, InputError,
    InputResult, Intake, IntakeKind, Meal, PlanRun, PlanTick, RedFlagEntry, Severity, Slot, Stool,
    SymptomRating,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

mod unique;
pub mod versions;

pub use unique::IdOwners;
pub use versions::{elements, Element, Elements, Kind, Stamp, Version};

pub const FORMAT: &str = "gutlog";
/// The version export writes.
pub const VERSION: u32 = 3;
/// The oldest version import still reads.
pub const OLDEST_VERSION: u32 = 1;
/// The largest file `gutlog import` reads: 64 MB. A 20-year diary exports
/// to well under half of that.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A food the user tagged by hand, with the tags remembered for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoodTags {
    pub food: String,
    pub tags: Vec<String>,
}

/// A dish of the user's own and the parts they gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoodParts {
    pub food: String,
    pub parts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    birth_year: Option<i64>,
    sex: Option<String>,
}

/// A whole diary, as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exchange {
    pub format: String,
    pub version: u32,
    pub meals: Vec<Meal>,
    pub symptoms: Vec<SymptomRating>,
    pub stools: Vec<Stool>,
    pub checkins: Vec<CheckIn>,
    pub intakes: Vec<Intake>,
    pub red_flags: Vec<RedFlagEntry>,
    pub plan_runs: Vec<PlanRun>,
    pub habits: Vec<HabitTick>,
    pub custom_symptoms: Vec<String>,
    pub food_tags: Vec<FoodTags>,
    /// Added after version 1 shipped, and optional: written only when
    /// there is something to write, so files without them stay as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub food_parts: Vec<FoodParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Change times of elements changed after they were made (version 2).
    pub changed: Vec<Version>,
    /// Tombstones: what was deleted, when and where (version 2).
    pub deleted: Vec<Version>,
    /// Added in schema version 6, optional like `food_parts` and `profile`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub experiments: Vec<Experiment>,
}

impl Exchange {
    pub fn empty() -> Exchange {
        Exchange {
            format: FORMAT.into(),
            version: VERSION,
            meals: vec![],
            symptoms: vec![],
            stools: vec![],
            checkins: vec![],
            intakes: vec![],
            red_flags: vec![],
            plan_runs: vec![],
            habits: vec![],
            custom_symptoms: vec![],
            food_tags: vec![],
            food_parts: vec![],
            profile: None,
            changed: vec![],
            deleted: vec![],
            experiments: vec![],
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = to_json_text(self).expect("exchange serializes");
        s.push('\n');
        s
    }
}

/// Pretty JSON in which every control character is escaped: serde_json
/// escapes U+0000–U+001F but leaves DEL and the C1 controls (U+007F–U+009F)
/// raw, and a terminal may obey those; `\u009b` means the same string.
pub fn to_json_text(value: &impl Serialize) -> serde_json::Result<String> {
    let c1_or_del = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    let json = serde_json::to_string_pretty(value)?;
    if !json.contains(c1_or_del) {
        return Ok(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c1_or_del(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeal {
    id: Option<String>,
    at: String,
    slot: Option<String>,
    foods: Vec<String>,
    tags: Option<Vec<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptom {
    id: Option<String>,
    at: String,
    symptom: String,
    severity: i64,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStool {
    id: Option<String>,
    at: String,
    bristol: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckIn {
    date: String,
    mood: Option<i64>,
    energy: Option<i64>,
    stress: Option<i64>,
    sleep_hours: Option<f64>,
    water_glasses: Option<i64>,
    movement_minutes: Option<i64>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntake {
    id: Option<String>,
    at: String,
    name: String,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlag {
    date: String,
    flag: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTick {
    day: i64,
    done_at: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRun {
    id: Option<String>,
    started_on: String,
    #[serde(default)]
    ticks: Vec<RawTick>,
    reflection: Option<String>,
    created_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    condition: String,
    days: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPause {
    from: String,
    to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExperiment {
    id: Option<String>,
    factor: String,
    symptoms: Vec<String>,
    design: String,
    phases: Vec<RawPhase>,
    #[serde(default)]
    baseline_days: i64,
    washout_days: i64,
    #[serde(default)]
    randomised: bool,
    min_phase_days: i64,
    #[serde(default)]
    extended_days: i64,
    started_on: String,
    created_at: Option<String>,
    ended_on: Option<String>,
    #[serde(default)]
    coeliac_advice_confirmed: bool,
    #[serde(default)]
    pauses: Vec<RawPause>,
}

/// A whole number in 0..=u32::MAX for a field, or a message naming it.
fn days_field(name: &str, v: i64) -> InputResult<u32> {
    u32::try_from(v).map_err(|_| InputError::new(format!("{name} {v} is not a number of days")))
}

fn experiment(r: RawExperiment, book: &FoodBook, custom: &[String]) -> InputResult<Experiment> {
    if !r.factor.contains(':') {
        return Err(InputError::new(format!(
            "factor '{}' must be written kind:name, e.g. tag:dairy or fodmap:lactose",
            r.factor
        )));
    }
    let factor = Factor::parse(&r.factor, book).map_err(|e| e.in_field("factor"))?;
    let started_on = parse_stored_date(&r.started_on).map_err(|e| e.in_field("started_on"))?;
    let e = Experiment {
        id: check_id(r.id)?,
        factor: factor.id(),
        symptoms: r
            .symptoms
            .iter()
            .map(|s| parse_symptom(s, custom))
            .collect::<InputResult<_>>()?,
        design: Design::parse(&r.design)?,
        phases: r
            .phases
            .into_iter()
            .enumerate()
            .map(|(j, p)| {
                let condition = match p.condition.as_str() {
                    "without" => Condition::Without,
                    "with" => Condition::With,
                    other => {
                        return Err(InputError::new(format!(
                            "phases[{j}]: condition '{other}' is neither \"without\" nor \"with\""
                        )))
                    }
                };
                Ok(Phase {
                    condition,
                    days: days_field(&format!("phases[{j}] days"), p.days)?,
                })
            })
            .collect::<InputResult<_>>()?,
        baseline_days: days_field("baseline_days", r.baseline_days)?,
        washout_days: days_field("washout_days", r.washout_days)?,
        randomised: r.randomised,
        min_phase_days: days_field("min_phase_days", r.min_phase_days)?,
        extended_days: days_field("extended_days", r.extended_days)?,
        started_on,
        created_at: match r.created_at {
            Some(c) => parse_stored_datetime(&c).map_err(|e| e.in_field("created_at"))?,
            None => started_on.and_hms_opt(0, 0, 0).expect("midnight exists"),
        },
        ended_on: r
            .ended_on
            .map(|d| parse_stored_date(&d).map_err(|e| e.in_field("ended_on")))
            .transpose()?,
        coeliac_advice_confirmed: r.coeliac_advice_confirmed,
        pauses: r
            .pauses
            .into_iter()
            .enumerate()
            .map(|(j, p)| {
                Ok(Pause {
                    from: parse_stored_date(&p.from)
                        .map_err(|e| e.in_field(&format!("pauses[{j}] from")))?,
                    to: p
                        .to
                        .map(|t| {
                            parse_stored_date(&t)
                                .map_err(|e| e.in_field(&format!("pauses[{j}] to")))
                        })
                        .transpose()?,
                })
            })
            .collect::<InputResult<_>>()?,
    };
    check_experiment(&e)?;
    Ok(e)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHabit {
    date: String,
    habit: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVersion {
    kind: String,
    key: String,
    at: String,
    by: String,
}

fn check_id(id: Option<String>) -> InputResult<String> {
    match id {
        None => Ok(new_id()),
        Some(id) => {
            let ok = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if ok {
                Ok(id.to_lowercase())
            } else {
                Err(InputError::new(format!(
                    "id '{id}' must be 1–64 letters, digits, '-' or '_' (or leave it out)"
                )))
            }
        }
    }
}

fn note(n: Option<String>) -> InputResult<Option<String>> {
    clean_note(n.as_deref())
}

/// The file's top-level keys, each with its value's text.
type Root<'a> = std::collections::BTreeMap<String, &'a RawValue>;

/// A top-level value, read (for the small ones: format, version).
fn value(root: &Root, key: &str) -> Option<Value> {
    root.get(key)
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
}

/// serde_json's message without its "at line 1 column 9": positions inside
/// one record's text would mislead.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&at).unwrap_or(&text).to_string()
}

/// Parses each element of `root[key]`, naming the first failure as `key[i]`.
fn each<R: DeserializeOwned, T>(
    root: &Root,
    key: &str,
    mut f: impl FnMut(R) -> InputResult<T>,
) -> InputResult<Vec<T>> {
    let Some(v) = root.get(key) else {
        return Ok(Vec::new());
    };
    let arr: Vec<&RawValue> = serde_json::from_str(v.get())
        .map_err(|_| InputError::new(format!("'{key}' must be an array")))?;
    arr.iter()
        .enumerate()
        .map(|(i, item)| {
            let raw = serde_json::from_str(item.get())
                .map_err(|e| InputError::new(format!("{key}[{i}]: {}", without_position(&e))))?;
            f(raw).map_err(|e| InputError::new(format!("{key}[{i}]: {e}")))
        })
        .collect()
}

/// Parses and validates an exchange file. `custom` lists the user's own
/// symptoms already in the diary (the file's own are added to it).
pub fn parse(text: &str, custom: &[String]) -> InputResult<Exchange> {
    // Without a date, any year up to the database's limit is accepted.
    let latest = chrono::NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");
    parse_on(text, custom, latest)
}

/// `parse`, checking a profile's year of birth against `today`.
pub fn parse_on(text: &str, custom: &[String], today: chrono::NaiveDate) -> InputResult<Exchange> {
    // Keys repeated anywhere in the file are refused here, before any
    // record is read.
    unique::check_json(text)?;
    let root: Root = serde_json::from_str(text)
        .map_err(|_| InputError::new("the file must hold one JSON object"))?;
    let root = &root;
    match value(root, "format").as_ref().and_then(Value::as_str) {
        Some(FORMAT) => {}
        other => {
            return Err(InputError::new(format!(
                "this is not a gutlog export (format is {}, expected \"{FORMAT}\")",
                other.map_or("missing".to_string(), |f| format!("\"{f}\""))
            )))
        }
    }
    let expected = format!(
        "this gutlog reads the whole number {OLDEST_VERSION} or {VERSION} (\"version\": {VERSION})"
    );
    let version = match value(root, "version") {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(v) if (OLDEST_VERSION as i64..=VERSION as i64).contains(&v) => v,
            Some(v) => {
                return Err(InputError::new(format!(
                    "export format version {v} is not supported; this gutlog reads versions \
                 {OLDEST_VERSION} to {VERSION}{}",
                    if v > VERSION as i64 {
                        " (the file is from a newer gutlog: update this one)"
                    } else {
                        ""
                    }
                )))
            }
            None => {
                return Err(InputError::new(format!(
                    "'version' is {n}, a number with a fraction; {expected}"
                )))
            }
        },
        Some(other) => {
            return Err(InputError::new(format!(
                "'version' is {other}, not a number; {expected}"
            )))
        }
        None => return Err(InputError::new(format!("'version' is missing; {expected}"))),
    };
    let known = [
        "format",
        "version",
        "meals",
        "symptoms",
        "stools",
        "checkins",
        "intakes",
        "red_flags",
        "plan_runs",
        "habits",
        "custom_symptoms",
        "food_tags",
        "food_parts",
        "profile",
        "changed",
        "deleted",
        "experiments",
    ];
    if let Some(k) = root.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(InputError::new(format!(
            "unknown key '{k}'; known keys: {}",
            known.join(", ")
        )));
    }
    if version < 2 {
        if let Some(k) = ["changed", "deleted"]
            .iter()
            .find(|k| root.contains_key(**k))
        {
            return Err(InputError::new(format!(
                "'{k}' needs \"version\": 2 (version 1 files have no change times or deletions)"
            )));
        }
    }

    let mut all_custom: Vec<String> = custom.to_vec();
    let custom_symptoms = each(root, "custom_symptoms", |s: String| new_symptom_id(&s))?;
    all_custom.extend(custom_symptoms.iter().cloned());

    let food_tags = each(root, "food_tags", |f: FoodTags| {
        let food = clean_name("food", &f.food)?;
        let tags = f
            .tags
            .iter()
            .map(|t| parse_tag(t))
            .collect::<InputResult<Vec<_>>>()?;
        Ok(FoodTags { food, tags })
    })?;
    let food_parts = each(root, "food_parts", |f: FoodParts| {
        let food = clean_name("food", &f.food)?;
        if f.parts.is_empty() {
            return Err(InputError::new(format!(
                "'{food}' has no parts; list at least one"
            )));
        }
        let parts = f
            .parts
            .iter()
            .map(|p| clean_name("part", p))
            .collect::<InputResult<Vec<_>>>()?;
        Ok(FoodParts { food, parts })
    })?;
    let profile = match root.get("profile") {
        None => None,
        Some(v) if v.get().trim() == "null" => None,
        Some(v) => {
            let raw: RawProfile = serde_json::from_str(v.get())
                .map_err(|e| InputError::new(format!("profile: {e}")))?;
            let p = Profile {
                birth_year: raw
                    .birth_year
                    .map(|y| check_birth_year(y, today))
                    .transpose()
                    .map_err(|e| InputError::new(format!("profile: {e}")))?,
                sex: raw
                    .sex
                    .map(|s| Sex::parse(&s))
                    .transpose()
                    .map_err(|e| InputError::new(format!("profile: {e}")))?,
            };
            Some(p).filter(|p| !p.is_empty())
        }
    };
    let book = FoodBook::with_user(
        food_tags.iter().map(|f| (f.food.clone(), f.tags.clone())),
        food_parts.iter().map(|f| (f.food.clone(), f.parts.clone())),
    );

    let meals = each(root, "meals", |m: RawMeal| {
        let draft = MealDraft {
            id: Some(check_id(m.id)?),
            at: parse_stored_datetime(&m.at).map_err(|e| e.in_field("at"))?,
            slot: m.slot.map(|s| Slot::parse(&s)).transpose()?,
            foods: m.foods,
            tags: m.tags.map_or_else(TagChoice::inferred, TagChoice::Exactly),
            note: m.note,
        };
        // The file's `food_tags` say what to remember; nothing more is.
        Ok(draft.build(&book)?.0)
    })?;

    let symptoms = each(root, "symptoms", |s: RawSymptom| {
        Ok(SymptomRating {
            id: check_id(s.id)?,
            at: parse_stored_datetime(&s.at).map_err(|e| e.in_field("at"))?,
            symptom: parse_symptom(&s.symptom, &all_custom)?,
            severity: Severity::new(s.severity)?,
            note: note(s.note)?,
        })
    })?;

    let stools = each(root, "stools", |s: RawStool| {
        Ok(Stool {
            id: check_id(s.id)?,
            at: parse_stored_datetime(&s.at).map_err(|e| e.in_field("at"))?,
            bristol: Bristol::new(s.bristol)?,
        })
    })?;

    let checkins = each(root, "checkins", |c: RawCheckIn| {
        Ok(CheckIn {
            date: parse_stored_date(&c.date).map_err(|e| e.in_field("date"))?,
            mood: c.mood.map(|v| check_scale("mood", v)).transpose()?,
            energy: c.energy.map(|v| check_scale("energy", v)).transpose()?,
            stress: c.stress.map(|v| check_scale("stress", v)).transpose()?,
            sleep_hours: c.sleep_hours.map(check_sleep).transpose()?,
            water_glasses: c.water_glasses.map(check_water).transpose()?,
            movement_minutes: c.movement_minutes.map(check_movement).transpose()?,
            note: note(c.note)?,
        })
    })?;

    let intakes = each(root, "intakes", |i: RawIntake| {
        let name = clean_name("name", &i.name)?;
        let kind = match i.kind {
            Some(k) => IntakeKind::parse(&k)?,
            None => IntakeKind::guess(&name).unwrap_or(IntakeKind::Other),
        };
        Ok(Intake {
            id: check_id(i.id)?,
            at: parse_stored_datetime(&i.at).map_err(|e| e.in_field("at"))?,
            name,
            kind,
        })
    })?;

    let red_flags = each(root, "red_flags", |f: RawFlag| {
        Ok(RedFlagEntry {
            date: parse_stored_date(&f.date).map_err(|e| e.in_field("date"))?,
            flag: parse_red_flag(&f.flag)?,
        })
    })?;

    let plan_runs = each(root, "plan_runs", |r: RawRun| {
        let mut ticks = r
            .ticks
            .into_iter()
            .enumerate()
            .map(|(j, t)| {
                Ok(PlanTick {
                    day: check_plan_day(t.day)?,
                    done_at: parse_stored_datetime(&t.done_at)
                        .map_err(|e| e.in_field(&format!("ticks[{j}] done_at")))?,
                })
            })
            .collect::<InputResult<Vec<_>>>()?;
        if let Some((a, b)) = unique::first_repeat(ticks.iter().map(|t| t.day)) {
            return Err(InputError::new(format!(
                "ticks[{a}] and ticks[{b}] both tick day {}; tick each day once",
                ticks[a].day
            )));
        }
        ticks.sort_by_key(|t| t.day);
        Ok(PlanRun {
            id: check_id(r.id)?,
            started_on: parse_stored_date(&r.started_on).map_err(|e| e.in_field("started_on"))?,
            ticks,
            reflection: note(r.reflection)?,
            created_at: r
                .created_at
                .map(|c| parse_stored_datetime(&c).map_err(|e| e.in_field("created_at")))
                .transpose()?,
        })
    })?;

    // Retired habits still import: old diaries and exports hold their ids.
    let plan = crate::content::plan();
    let habit_ids: Vec<&str> = plan
        .habits
        .iter()
        .chain(&plan.retired_habits)
        .map(|h| h.id.as_str())
        .collect();
    let habits = each(root, "habits", |h: RawHabit| {
        let habit = normalize_key(&h.habit);
        if !habit_ids.contains(&habit.as_str()) {
            return Err(crate::domain::names::unknown("habit", &h.habit, &habit_ids));
        }
        Ok(HabitTick {
            date: parse_stored_date(&h.date).map_err(|e| e.in_field("date"))?,
            habit,
        })
    })?;

    let version_list = |key: &str| {
        each(root, key, |v: RawVersion| {
            let kind = Kind::parse(&v.kind)?;
            Ok(Version {
                kind,
                key: kind.check_key(&v.key)?,
                at: parse_stored_datetime(&v.at).map_err(|e| e.in_field("at"))?,
                by: versions::check_device(&v.by)?,
            })
        })
    };
    let changed = version_list("changed")?;
    let deleted = version_list("deleted")?;
    let experiments = each(root, "experiments", |r: RawExperiment| {
        experiment(r, &book, &all_custom)
    })?;
    for (j, b) in experiments.iter().enumerate() {
        if let Some(i) = experiments[..j].iter().position(|a| a.overlaps(b)) {
            return Err(InputError::new(format!(
                "experiments[{i}] and experiments[{j}] overlap in time; experiments run one at a \
                 time, so end one before the other starts; nothing was imported"
            )));
        }
    }

    let ex = Exchange {
        format: FORMAT.into(),
        version: VERSION,
        meals,
        symptoms,
        stools,
        checkins,
        intakes,
        red_flags,
        plan_runs,
        habits,
        custom_symptoms,
        food_tags,
        food_parts,
        profile,
        changed,
        deleted,
        experiments,
    };
    unique::check(&ex)?;
    // Change times and tombstones must fit the records (versions.rs).
    versions::check(&ex)?;
    Ok(ex)
}
