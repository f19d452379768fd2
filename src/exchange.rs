//! The JSON exchange format (`gutlog export` / `gutlog import`).
//!
//! Export writes every record in a fixed order, so that export → import
//! into an empty diary → export gives identical JSON. Import validates every
//! record exactly as the CLI does and names the first bad one.

use crate::domain::food::{parse_tag, FoodBook};
use crate::domain::meal::{MealDraft, TagChoice};
use crate::domain::names::normalize_key;
use crate::domain::time::{parse_stored_date, parse_stored_datetime};
use crate::domain::{
    check_movement, check_plan_day, check_scale, check_sleep, check_water, clean_name, clean_note,
    new_id, new_symptom_id, parse_red_flag, parse_symptom, Bristol, CheckIn, HabitTick, InputError,
    InputResult, Intake, IntakeKind, Meal, PlanRun, PlanTick, RedFlagEntry, Severity, Slot, Stool,
    SymptomRating,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const FORMAT: &str = "gutlog";
pub const VERSION: u32 = 1;

/// A food the user tagged by hand, with the tags remembered for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoodTags {
    pub food: String,
    pub tags: Vec<String>,
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
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("exchange serializes");
        s.push('\n');
        s
    }
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHabit {
    date: String,
    habit: String,
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

/// Parses each element of `root[key]`, naming the first failure as `key[i]`.
fn each<R: DeserializeOwned, T>(
    root: &serde_json::Map<String, Value>,
    key: &str,
    mut f: impl FnMut(R) -> InputResult<T>,
) -> InputResult<Vec<T>> {
    let Some(v) = root.get(key) else {
        return Ok(Vec::new());
    };
    let arr = v
        .as_array()
        .ok_or_else(|| InputError::new(format!("'{key}' must be an array")))?;
    arr.iter()
        .enumerate()
        .map(|(i, item)| {
            let raw: R = serde_json::from_value(item.clone())
                .map_err(|e| InputError::new(format!("{key}[{i}]: {e}")))?;
            f(raw).map_err(|e| InputError::new(format!("{key}[{i}]: {e}")))
        })
        .collect()
}

/// Parses and validates an exchange file. `custom` lists the user's own
/// symptoms already in the diary (the file's own are added to it).
pub fn parse(text: &str, custom: &[String]) -> InputResult<Exchange> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        InputError::new(format!(
            "the file is not valid JSON ({e}); export a diary with `gutlog export`"
        ))
    })?;
    let root = root
        .as_object()
        .ok_or_else(|| InputError::new("the file must hold one JSON object"))?;
    match root.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        other => {
            return Err(InputError::new(format!(
                "this is not a gutlog export (format is {}, expected \"{FORMAT}\")",
                other.map_or("missing".to_string(), |f| format!("\"{f}\""))
            )))
        }
    }
    match root.get("version").and_then(Value::as_i64) {
        Some(v) if v == VERSION as i64 => {}
        Some(v) => {
            return Err(InputError::new(format!(
                "export format version {v} is not supported; this gutlog reads version {VERSION}"
            )))
        }
        None => return Err(InputError::new("'version' is missing or not a number")),
    }
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
    ];
    if let Some(k) = root.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(InputError::new(format!(
            "unknown key '{k}'; known keys: {}",
            known.join(", ")
        )));
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
    let book = FoodBook::with_user_tags(food_tags.iter().map(|f| (f.food.clone(), f.tags.clone())));

    let meals = each(root, "meals", |m: RawMeal| {
        let draft = MealDraft {
            id: Some(check_id(m.id)?),
            at: parse_stored_datetime(&m.at)?,
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
            at: parse_stored_datetime(&s.at)?,
            symptom: parse_symptom(&s.symptom, &all_custom)?,
            severity: Severity::new(s.severity)?,
            note: note(s.note)?,
        })
    })?;

    let stools = each(root, "stools", |s: RawStool| {
        Ok(Stool {
            id: check_id(s.id)?,
            at: parse_stored_datetime(&s.at)?,
            bristol: Bristol::new(s.bristol)?,
        })
    })?;

    let checkins = each(root, "checkins", |c: RawCheckIn| {
        Ok(CheckIn {
            date: parse_stored_date(&c.date)?,
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
            at: parse_stored_datetime(&i.at)?,
            name,
            kind,
        })
    })?;

    let red_flags = each(root, "red_flags", |f: RawFlag| {
        Ok(RedFlagEntry {
            date: parse_stored_date(&f.date)?,
            flag: parse_red_flag(&f.flag)?,
        })
    })?;

    let plan_runs = each(root, "plan_runs", |r: RawRun| {
        let mut ticks = r
            .ticks
            .into_iter()
            .map(|t| {
                Ok(PlanTick {
                    day: check_plan_day(t.day)?,
                    done_at: parse_stored_datetime(&t.done_at)?,
                })
            })
            .collect::<InputResult<Vec<_>>>()?;
        ticks.sort_by_key(|t| t.day);
        ticks.dedup_by_key(|t| t.day);
        Ok(PlanRun {
            id: check_id(r.id)?,
            started_on: parse_stored_date(&r.started_on)?,
            ticks,
            reflection: note(r.reflection)?,
        })
    })?;

    let habit_ids: Vec<&str> = crate::content::plan()
        .habits
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    let habits = each(root, "habits", |h: RawHabit| {
        let habit = normalize_key(&h.habit);
        if !habit_ids.contains(&habit.as_str()) {
            return Err(crate::domain::names::unknown("habit", &h.habit, &habit_ids));
        }
        Ok(HabitTick {
            date: parse_stored_date(&h.date)?,
            habit,
        })
    })?;

    Ok(Exchange {
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
    })
}
