//! Strict parsing of `config.toml`. serde (with `deny_unknown_fields`)
//! refuses unknown keys; every value is then checked here with its span, so
//! each error names its line and column and what is allowed.

use super::{Config, Setting, Source};
use crate::analysis::ReviewParams;
use crate::domain::names::closest;
use crate::domain::water::WaterUnit;
use crate::domain::{new_symptom_id, parse_symptom, MealTimes, Slot, TimeWindow};
use chrono::{NaiveDate, Weekday};
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use toml::{Spanned, Value};

type V = Option<Spanned<Value>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(alias = "colour")]
    color: V,
    water_unit: V,
    first_day_of_week: V,
    reminder_hour: V,
    report: Option<RawReport>,
    meal_times: Option<RawMealTimes>,
    symptoms: Option<RawSymptoms>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    min_severity: V,
    history_days: V,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMealTimes {
    breakfast: V,
    lunch: V,
    dinner: V,
}

type Names = Option<Spanned<Vec<Spanned<Value>>>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptoms {
    hide: Names,
    order: Names,
}

/// A config file that cannot be used: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file, once known.
    pub path: Option<String>,
    /// 1-based line and column (in characters), when the error has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.as_deref().unwrap_or("config");
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{path}:{l}:{c}: {}", self.message),
            _ => write!(f, "{path}: {}", self.message),
        }
    }
}

impl ConfigError {
    fn at(text: &str, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        let start = span.start.min(text.len());
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        ConfigError {
            path: None,
            line: Some(line),
            column: Some(before[line_start..].chars().count() + 1),
            message: message.into(),
        }
    }

    pub(super) fn whole_file(path: &Path, message: &str) -> ConfigError {
        ConfigError {
            path: Some(path.display().to_string()),
            line: None,
            column: None,
            message: message.to_string(),
        }
    }

    /// The same error, naming the file it is in.
    pub fn in_file(mut self, path: &str) -> ConfigError {
        self.path = Some(path.to_string());
        self
    }
}

/// The names between backticks in a serde message.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// serde's and the TOML parser's messages, in our words.
fn explain(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        // `colour` is accepted for `color` but not advertised.
        let allowed: Vec<&str> = backticked(tail)
            .into_iter()
            .filter(|k| *k != "colour")
            .collect();
        let hint = closest(name, allowed.iter().copied())
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        let tables = if tail.contains("`report`") {
            " (report, meal_times and symptoms are tables: [report] on a line of its own, \
             its settings below)"
        } else {
            ""
        };
        return format!(
            "unknown setting `{name}`{hint}; allowed here: {}{tables}",
            allowed.join(", ")
        );
    }
    if let Some((_, name)) = message.split_once("expected struct ") {
        let table = match name.trim() {
            "RawReport" => "[report]",
            "RawMealTimes" => "[meal_times]",
            _ => "[symptoms]",
        };
        return format!(
            "this must be the table {table}: write {table} on a line of its own, with its \
             settings below it"
        );
    }
    if message.contains("expected a sequence") {
        return "this must be a list of symptom names, e.g. [\"bloating\", \"brain fog\"]".into();
    }
    message.to_string()
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(_) => "a list".into(),
        Value::Table(_) => "a table".into(),
    }
}

/// Checks one value and records it with its line.
struct Checker<'a> {
    text: &'a str,
}

impl Checker<'_> {
    fn err(&self, span: Range<usize>, key: &str, msg: impl std::fmt::Display) -> ConfigError {
        ConfigError::at(self.text, span, format!("{key}: {msg}"))
    }

    fn set<T>(&self, target: &mut Setting<T>, span: &Range<usize>, value: T) {
        let line = ConfigError::at(self.text, span.clone(), "")
            .line
            .unwrap_or(1);
        *target = Setting {
            value,
            source: Source::File { line },
        };
    }

    fn int(&self, v: &Spanned<Value>, key: &str, allowed: &str) -> Result<i64, ConfigError> {
        match v.get_ref() {
            Value::Integer(i) => Ok(*i),
            other => Err(self.err(
                v.span(),
                key,
                format!("{} is not allowed; {allowed}", describe(other)),
            )),
        }
    }

    fn string<'v>(
        &self,
        v: &'v Spanned<Value>,
        key: &str,
        allowed: &str,
    ) -> Result<&'v str, ConfigError> {
        match v.get_ref() {
            Value::String(s) => Ok(s),
            other => Err(self.err(
                v.span(),
                key,
                format!("{} is not allowed; {allowed}", describe(other)),
            )),
        }
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    s.trim().parse().ok()
}

/// Parses `text` over `base` (the defaults): each key the file sets
/// replaces the default and records its line.
pub(super) fn parse(text: &str, base: Config) -> Result<Config, ConfigError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        // Quote the line: these messages do not always name the key.
        let line = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let quoted = text[line..].lines().next().unwrap_or("").trim();
        let mut msg = explain(e.message());
        if !quoted.is_empty() {
            msg.push_str(&format!(" (in `{quoted}`)"));
        }
        ConfigError::at(text, span, msg)
    })?;
    let ck = Checker { text };
    let mut c = base;

    if let Some(v) = &raw.color {
        match v.get_ref() {
            Value::Boolean(b) => ck.set(&mut c.color, &v.span(), *b),
            other => {
                return Err(ck.err(
                    v.span(),
                    "color",
                    format!(
                        "{} is not allowed; use true or false (no quotes)",
                        describe(other)
                    ),
                ))
            }
        }
    }
    if let Some(v) = &raw.water_unit {
        let allowed = "use \"glasses\" or \"ml\" (1 glass = 250 ml)";
        let s = ck.string(v, "water_unit", allowed)?;
        let unit = WaterUnit::parse(s).map_err(|e| ck.err(v.span(), "water_unit", e))?;
        ck.set(&mut c.water_unit, &v.span(), unit);
    }
    if let Some(v) = &raw.first_day_of_week {
        let allowed = "use a day's name in quotes, \"monday\" to \"sunday\"";
        let s = ck.string(v, "first_day_of_week", allowed)?;
        let day = weekday(s).ok_or_else(|| {
            ck.err(
                v.span(),
                "first_day_of_week",
                format!("\"{s}\" is not a day; {allowed}"),
            )
        })?;
        ck.set(&mut c.first_day_of_week, &v.span(), day);
    }
    if let Some(v) = &raw.reminder_hour {
        let allowed = "use a whole hour from 0 to 23, e.g. 20 for 8 pm";
        let h = ck.int(v, "reminder_hour", allowed)?;
        if !(0..=23).contains(&h) {
            return Err(ck.err(
                v.span(),
                "reminder_hour",
                format!("{h} is out of range; {allowed}"),
            ));
        }
        ck.set(&mut c.reminder_hour, &v.span(), h as u8);
    }

    if let Some(r) = &raw.report {
        // The ranges are ReviewParams's: the same rule as the flags.
        let day = NaiveDate::MIN;
        if let Some(v) = &r.min_severity {
            let key = "report.min_severity";
            let n = ck.int(v, key, "use 1 (mild), 2 (moderate) or 3 (severe)")?;
            let p = ReviewParams::checked(day, c.history_days.value as i64, n)
                .map_err(|e| ck.err(v.span(), key, e))?;
            ck.set(&mut c.min_severity, &v.span(), p.min_severity);
        }
        if let Some(v) = &r.history_days {
            let key = "report.history_days";
            let n = ck.int(v, key, "use a whole number of days")?;
            let p = ReviewParams::checked(day, n, c.min_severity.value as i64)
                .map_err(|e| ck.err(v.span(), key, e))?;
            ck.set(&mut c.history_days, &v.span(), p.history_days);
        }
    }

    if let Some(m) = &raw.meal_times {
        let mut spans: Vec<(Slot, Range<usize>)> = Vec::new();
        for (slot, v) in [
            (Slot::Breakfast, &m.breakfast),
            (Slot::Lunch, &m.lunch),
            (Slot::Dinner, &m.dinner),
        ] {
            let Some(v) = v else { continue };
            let key = format!("meal_times.{}", slot.as_str());
            let allowed = "use \"HH:MM-HH:MM\" in quotes, e.g. \"07:00-10:30\"";
            let s = ck.string(v, &key, allowed)?;
            let w = TimeWindow::parse(s).map_err(|e| ck.err(v.span(), &key, e))?;
            let target = match slot {
                Slot::Breakfast => &mut c.breakfast,
                Slot::Lunch => &mut c.lunch,
                _ => &mut c.dinner,
            };
            ck.set(target, &v.span(), w);
            spans.push((slot, v.span()));
        }
        if let Err((a, b, e)) = MealTimes::new(c.breakfast.value, c.lunch.value, c.dinner.value) {
            // Point at the later of the two the file set.
            let (slot, span) = spans
                .iter()
                .rev()
                .find(|(s, _)| *s == a || *s == b)
                .cloned()
                .expect("an overlap involves a window the file set");
            return Err(ck.err(span, &format!("meal_times.{}", slot.as_str()), e));
        }
    }

    if let Some(s) = &raw.symptoms {
        for (key, list, target) in [
            ("symptoms.hide", &s.hide, &mut c.hide_symptoms),
            ("symptoms.order", &s.order, &mut c.symptom_order),
        ] {
            let Some(list) = list else { continue };
            let mut ids: Vec<String> = Vec::new();
            for v in list.get_ref() {
                let allowed = "list symptom names in double quotes, e.g. \"bloating\"";
                let name = ck.string(v, key, allowed)?;
                let id = symptom_id(name).map_err(|e| ck.err(v.span(), key, e))?;
                if ids.contains(&id) {
                    return Err(ck.err(v.span(), key, format!("\"{name}\" is listed twice")));
                }
                ids.push(id);
            }
            ck.set(target, &list.span(), ids);
        }
    }
    Ok(c)
}

/// A symptom named in the config: a catalogue symptom (by id, name or
/// alias) or, when it is a valid id, one of the person's own, which
/// `gutlog config check` looks up in the diary.
fn symptom_id(name: &str) -> Result<String, String> {
    match parse_symptom(name, &[]) {
        Ok(id) => Ok(id),
        // The catalogue's message lists the valid names.
        Err(e) => new_symptom_id(name).map_err(|_| e.0),
    }
}

/// The symptom names in the file that are neither in the catalogue nor
/// among `custom`, each with its line and column (for `config check`).
pub fn unknown_symptoms(text: &str, custom: &[String]) -> Vec<ConfigError> {
    let Ok(raw) = toml::from_str::<RawFile>(text) else {
        return Vec::new();
    };
    let ck = Checker { text };
    let mut out = Vec::new();
    let Some(s) = raw.symptoms else {
        return out;
    };
    for (key, list) in [("symptoms.hide", s.hide), ("symptoms.order", s.order)] {
        for v in list.map(Spanned::into_inner).unwrap_or_default() {
            let Value::String(name) = v.get_ref() else {
                continue;
            };
            if let Err(e) = parse_symptom(name, custom) {
                out.push(ck.err(
                    v.span(),
                    key,
                    format!(
                        "{e} (your own symptoms count once logged with `gutlog log symptom NAME N --new`)"
                    ),
                ));
            }
        }
    }
    out
}
