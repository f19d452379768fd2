//! The records: meals, symptom ratings, stools, check-ins, intakes, red
//! flags and plan runs, with their value types.

use super::error::{InputError, InputResult};
use super::names::{normalize_key, unknown};
use crate::content;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Meal slot. Defaults from the time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    Breakfast,
    Lunch,
    Dinner,
    Snack,
    Drink,
}

impl Slot {
    pub const ALL: [Slot; 5] = [
        Slot::Breakfast,
        Slot::Lunch,
        Slot::Dinner,
        Slot::Snack,
        Slot::Drink,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Breakfast => "breakfast",
            Slot::Lunch => "lunch",
            Slot::Dinner => "dinner",
            Slot::Snack => "snack",
            Slot::Drink => "drink",
        }
    }

    pub fn parse(s: &str) -> InputResult<Slot> {
        let key = normalize_key(s);
        Slot::ALL
            .into_iter()
            .find(|slot| slot.as_str() == key)
            .ok_or_else(|| unknown("slot", s, &Slot::ALL.map(Slot::as_str)))
    }

    /// The slot a meal at this time most likely is, by the default meal
    /// times (`MealTimes::DEFAULT`: breakfast from 04:00, lunch from 10:30,
    /// dinner 17:00–22:00, else snack). A config file's times go through
    /// `MealTimes::slot_for`.
    pub fn for_time(at: NaiveDateTime) -> Slot {
        super::MealTimes::DEFAULT.slot_for(at.time())
    }
}

/// Symptom severity: 0 none, 1 mild, 2 moderate, 3 severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Severity(u8);

impl Severity {
    pub const MAX: u8 = 3;
    pub fn new(level: i64) -> InputResult<Severity> {
        if (0..=Self::MAX as i64).contains(&level) {
            Ok(Severity(level as u8))
        } else {
            Err(InputError::new(format!(
                "severity {level} is out of range; use 0 (none), 1 (mild), 2 (moderate) or 3 (severe)"
            )))
        }
    }
    pub fn parse(s: &str) -> InputResult<Severity> {
        let t = s.trim().to_lowercase();
        for sev in &content::symptoms().severities {
            if sev.word == t {
                return Ok(Severity(sev.level));
            }
        }
        let n: i64 = t.parse().map_err(|_| {
            InputError::new(format!(
                "severity '{s}' is not a number; use 0 (none), 1 (mild), 2 (moderate) or 3 (severe)"
            ))
        })?;
        Severity::new(n)
    }
    pub fn level(self) -> u8 {
        self.0
    }
    pub fn word(self) -> &'static str {
        content::symptoms().severity_word(self.0)
    }
}

impl TryFrom<i64> for Severity {
    type Error = InputError;
    fn try_from(v: i64) -> InputResult<Self> {
        Severity::new(v)
    }
}
impl From<Severity> for u8 {
    fn from(s: Severity) -> u8 {
        s.0
    }
}

/// Bristol stool scale type, 1–7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Bristol(u8);

impl Bristol {
    pub fn new(kind: i64) -> InputResult<Bristol> {
        if (1..=7).contains(&kind) {
            Ok(Bristol(kind as u8))
        } else {
            Err(InputError::new(format!(
                "Bristol type {kind} is out of range; use 1 (hard lumps) to 7 (watery)"
            )))
        }
    }
    pub fn parse(s: &str) -> InputResult<Bristol> {
        let n: i64 = s.trim().parse().map_err(|_| {
            InputError::new(format!("Bristol type '{s}' is not a number; use 1 to 7"))
        })?;
        Bristol::new(n)
    }
    pub fn kind(self) -> u8 {
        self.0
    }
    pub fn description(self) -> &'static str {
        content::bristol()
            .get(self.0)
            .map(|b| b.name.as_str())
            .unwrap_or("")
    }
}

impl TryFrom<i64> for Bristol {
    type Error = InputError;
    fn try_from(v: i64) -> InputResult<Self> {
        Bristol::new(v)
    }
}
impl From<Bristol> for u8 {
    fn from(b: Bristol) -> u8 {
        b.0
    }
}

/// What sort of medicine or supplement an intake is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum IntakeKind {
    Nsaid,
    Antibiotic,
    Antacid,
    Probiotic,
    Supplement,
    Enzyme,
    Other,
}

impl IntakeKind {
    pub const ALL: [IntakeKind; 7] = [
        IntakeKind::Nsaid,
        IntakeKind::Antibiotic,
        IntakeKind::Antacid,
        IntakeKind::Probiotic,
        IntakeKind::Supplement,
        IntakeKind::Enzyme,
        IntakeKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            IntakeKind::Nsaid => "nsaid",
            IntakeKind::Antibiotic => "antibiotic",
            IntakeKind::Antacid => "antacid",
            IntakeKind::Probiotic => "probiotic",
            IntakeKind::Supplement => "supplement",
            IntakeKind::Enzyme => "enzyme",
            IntakeKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> InputResult<IntakeKind> {
        let key = normalize_key(s);
        IntakeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| unknown("kind", s, &IntakeKind::ALL.map(IntakeKind::as_str)))
    }
    /// The kind of a well-known medicine or supplement, from content.
    pub fn guess(name: &str) -> Option<IntakeKind> {
        let key = name.trim().to_lowercase();
        content::intakes()
            .known
            .iter()
            .find(|k| k.name == key)
            .and_then(|k| IntakeKind::parse(&k.kind).ok())
    }
}

/// A meal or drink.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meal {
    pub id: String,
    pub at: NaiveDateTime,
    pub slot: Slot,
    pub foods: Vec<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
}

/// A symptom rated at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SymptomRating {
    pub id: String,
    pub at: NaiveDateTime,
    pub symptom: String,
    pub severity: Severity,
    pub note: Option<String>,
}

/// A bowel movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stool {
    pub id: String,
    pub at: NaiveDateTime,
    pub bristol: Bristol,
}

/// The daily check-in: one per date, every field optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CheckIn {
    pub date: NaiveDate,
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub stress: Option<u8>,
    pub sleep_hours: Option<f64>,
    pub water_glasses: Option<u32>,
    pub movement_minutes: Option<u32>,
    pub note: Option<String>,
}

impl CheckIn {
    pub fn empty(date: NaiveDate) -> CheckIn {
        CheckIn {
            date,
            ..CheckIn::default()
        }
    }

    /// Fields set in `later` replace those here; unset ones are kept.
    pub fn merge(&mut self, later: &CheckIn) {
        macro_rules! take {
            ($($f:ident),*) => { $( if later.$f.is_some() { self.$f = later.$f.clone(); } )* };
        }
        take!(
            mood,
            energy,
            stress,
            sleep_hours,
            water_glasses,
            movement_minutes,
            note
        );
    }

    pub fn is_empty(&self) -> bool {
        self.mood.is_none()
            && self.energy.is_none()
            && self.stress.is_none()
            && self.sleep_hours.is_none()
            && self.water_glasses.is_none()
            && self.movement_minutes.is_none()
            && self.note.is_none()
    }

    /// Checks every field's range; the same rules the database enforces.
    pub fn validate(&self) -> InputResult<()> {
        for (name, v) in [
            ("mood", self.mood),
            ("energy", self.energy),
            ("stress", self.stress),
        ] {
            if let Some(v) = v {
                check_scale(name, v as i64)?;
            }
        }
        if let Some(h) = self.sleep_hours {
            check_sleep(h)?;
        }
        if let Some(w) = self.water_glasses {
            check_water(w as i64)?;
        }
        if let Some(m) = self.movement_minutes {
            check_movement(m as i64)?;
        }
        if let Some(n) = &self.note {
            check_text("note", n)?;
        }
        Ok(())
    }
}

pub const MAX_WATER_GLASSES: i64 = 50;
pub const MAX_MOVEMENT_MINUTES: i64 = 1440;
/// Longest note or name accepted, in bytes; longer text is refused.
/// Shows every control character in `s` visibly, as Rust writes it
/// (`\u{1b}`, `\n`, `\t`), so text from the diary can never move the
/// cursor, retitle the terminal or write to the clipboard. For one-line
/// fields: a note's line break is shown as `\n` too.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub const MAX_TEXT_BYTES: usize = 4000;

pub fn check_scale(name: &str, v: i64) -> InputResult<u8> {
    if (1..=5).contains(&v) {
        Ok(v as u8)
    } else {
        Err(InputError::new(format!(
            "{name} {v} is out of range; use 1 (lowest) to 5 (highest)"
        )))
    }
}

pub fn check_sleep(h: f64) -> InputResult<f64> {
    if !h.is_finite() || !(0.0..=24.0).contains(&h) {
        return Err(InputError::new(format!(
            "sleep {h} hours is out of range; use 0 to 24"
        )));
    }
    if (h * 2.0).fract() != 0.0 {
        return Err(InputError::new(format!(
            "sleep {h} hours: use whole or half hours, e.g. 7 or 7.5"
        )));
    }
    Ok(h)
}

pub fn check_water(v: i64) -> InputResult<u32> {
    if (0..=MAX_WATER_GLASSES).contains(&v) {
        Ok(v as u32)
    } else {
        Err(InputError::new(format!(
            "water {v} glasses is out of range; use 0 to {MAX_WATER_GLASSES}"
        )))
    }
}

pub fn check_movement(v: i64) -> InputResult<u32> {
    if (0..=MAX_MOVEMENT_MINUTES).contains(&v) {
        Ok(v as u32)
    } else {
        Err(InputError::new(format!(
            "movement {v} minutes is out of range; use 0 to {MAX_MOVEMENT_MINUTES}"
        )))
    }
}

/// Free text (notes, food and medicine names): any Unicode except control
/// characters other than newline and tab, at most `MAX_TEXT_BYTES`.
pub fn check_text(what: &str, s: &str) -> InputResult<()> {
    if s.len() > MAX_TEXT_BYTES {
        return Err(InputError::new(format!(
            "{what} is too long ({} bytes); keep it under {MAX_TEXT_BYTES}",
            s.len()
        )));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Err(InputError::new(format!(
            "{what} contains a control character (U+{:04X}); remove it",
            c as u32
        )));
    }
    Ok(())
}

/// A note as typed, the same rule everywhere (CLI, TUI, import): checked
/// like any text, trimmed, and a note of nothing but whitespace is no note.
pub fn clean_note(note: Option<&str>) -> InputResult<Option<String>> {
    match note {
        Some(n) => {
            check_text("note", n)?;
            let t = n.trim();
            Ok((!t.is_empty()).then(|| t.to_string()))
        }
        None => Ok(None),
    }
}

/// A name (food, medicine, symptom): trimmed, non-empty, single line.
pub fn clean_name(what: &str, s: &str) -> InputResult<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(InputError::new(format!("{what} is empty; type a name")));
    }
    if t.contains('\n') {
        return Err(InputError::new(format!("{what} '{t}' must be on one line")));
    }
    check_text(what, t)?;
    Ok(t.to_string())
}

/// A medicine or supplement taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intake {
    pub id: String,
    pub at: NaiveDateTime,
    pub name: String,
    pub kind: IntakeKind,
}

/// A red-flag symptom ticked for a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlagEntry {
    pub date: NaiveDate,
    pub flag: String,
}

/// Resolves a red-flag name (id, name, or close) to its content id.
pub fn parse_red_flag(s: &str) -> InputResult<String> {
    let key = normalize_key(s);
    let flags = &content::red_flags().flags;
    if let Some(f) = flags
        .iter()
        .find(|f| f.id == key || normalize_key(&f.name) == key)
    {
        return Ok(f.id.clone());
    }
    let ids: Vec<&str> = flags.iter().map(|f| f.id.as_str()).collect();
    Err(unknown("red flag", s, &ids))
}

/// Resolves a symptom name against the catalogue and the user's own
/// symptoms; returns the symptom's id.
pub fn parse_symptom(s: &str, custom: &[String]) -> InputResult<String> {
    let key = normalize_key(s);
    let cat = &content::symptoms().symptoms;
    for info in cat {
        if info.id == key
            || normalize_key(&info.name) == key
            || info.aliases.iter().any(|a| normalize_key(a) == key)
        {
            return Ok(info.id.clone());
        }
    }
    if custom.contains(&key) {
        return Ok(key);
    }
    let mut ids: Vec<&str> = cat.iter().map(|s| s.id.as_str()).collect();
    ids.extend(custom.iter().map(String::as_str));
    Err(unknown("symptom", s, &ids))
}

/// Checks a new custom symptom name and returns its id.
pub fn new_symptom_id(s: &str) -> InputResult<String> {
    let key = normalize_key(s);
    let ok =
        !key.is_empty() && key.len() <= 40 && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    if ok {
        Ok(key)
    } else {
        Err(InputError::new(format!(
            "symptom name '{s}' must be 1–40 letters, digits, spaces or dashes"
        )))
    }
}

/// A human name for a symptom id.
pub fn symptom_name(id: &str) -> String {
    match content::symptoms().get(id) {
        Some(info) => info.name.clone(),
        None => {
            let s = id.replace('_', " ");
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

/// One day of the 7-day plan ticked off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTick {
    pub day: u8,
    pub done_at: NaiveDateTime,
}

/// A run of the 7-day plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRun {
    pub id: String,
    pub started_on: NaiveDate,
    pub ticks: Vec<PlanTick>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<String>,
    /// When the run was started, which orders runs started on the same
    /// date (the latest is the current one) on every computer; None in
    /// files that do not say (taken as midnight of `started_on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<NaiveDateTime>,
}

pub const PLAN_DAYS: u8 = 7;

pub fn check_plan_day(day: i64) -> InputResult<u8> {
    if (1..=PLAN_DAYS as i64).contains(&day) {
        Ok(day as u8)
    } else {
        Err(InputError::new(format!(
            "plan day {day} is out of range; use 1 to {PLAN_DAYS}"
        )))
    }
}

impl PlanRun {
    /// Which plan day `date` is (1–7), if it falls inside this run.
    pub fn day_on(&self, date: NaiveDate) -> Option<u8> {
        let d = (date - self.started_on).num_days() + 1;
        (1..=PLAN_DAYS as i64).contains(&d).then_some(d as u8)
    }
    pub fn is_ticked(&self, day: u8) -> bool {
        self.ticks.iter().any(|t| t.day == day)
    }
}

/// A healing habit kept by hand on a date (those gutlog cannot see in data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HabitTick {
    pub date: NaiveDate,
    pub habit: String,
}

/// Everything logged on one date.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DayLog {
    pub date: NaiveDate,
    pub meals: Vec<Meal>,
    pub symptoms: Vec<SymptomRating>,
    pub stools: Vec<Stool>,
    pub checkin: Option<CheckIn>,
    pub intakes: Vec<Intake>,
    pub red_flags: Vec<String>,
    pub habits: Vec<String>,
}

impl DayLog {
    pub fn is_empty(&self) -> bool {
        self.meals.is_empty()
            && self.symptoms.is_empty()
            && self.stools.is_empty()
            && self.checkin.as_ref().is_none_or(CheckIn::is_empty)
            && self.intakes.is_empty()
            && self.red_flags.is_empty()
            && self.habits.is_empty()
    }
}
