//! Duplicates inside one import file, refused whole: a key repeated in any
//! JSON object (serde_json's `Value` would silently keep the last one), the
//! same id twice (ids ignore case), and keyed records (a date's check-in, a
//! red flag, a habit tick, a symptom or food name) given twice.

use super::Exchange;
use crate::domain::food::food_key;
use crate::domain::time::fmt_date;
use crate::domain::{InputError, InputResult};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

/// Parses JSON text like `serde_json::from_str::<Value>`, but refuses an
/// object that holds the same key twice, naming where.
pub(super) fn parse_json(text: &str) -> InputResult<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = Node { path: Path::Root }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            let text = e.to_string();
            let at = format!(" at line {} column {}", e.line(), e.column());
            InputError::new(format!(
                "{}, the second at line {}, column {}; the file is refused whole, nothing was imported",
                text.strip_suffix(&at).unwrap_or(&text),
                e.line(),
                e.column()
            ))
        } else {
            InputError::new(format!(
                "the file is not valid JSON ({e}); export a diary with `gutlog export`"
            ))
        }
    })
}

/// Where a JSON value sits (`meals[3]`, `plan_runs[0].ticks[1]`), kept as
/// borrowed links so that nothing is formatted unless a duplicate is found.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => write!(f, "{k}"),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

struct Node<'a> {
    path: Path<'a>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element_seed(Node {
            path: Path::Index(&self.path, out.len()),
        })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        let mut order: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let first = order.iter().position(|k| *k == key).unwrap_or(0) + 1;
                let second = order.len() + 1;
                let msg = match self.path {
                    Path::Root => format!(
                        "the file has the key '{key}' twice (its {} and {} keys; JSON would keep only the last)",
                        ordinal(first),
                        ordinal(second)
                    ),
                    p => format!(
                        "{p} has the field '{key}' twice (its {} and {} fields)",
                        ordinal(first),
                        ordinal(second)
                    ),
                };
                return Err(de::Error::custom(msg));
            }
            let value = map.next_value_seed(Node {
                path: Path::Key(&self.path, &key),
            })?;
            order.push(key.clone());
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// The positions of the first two items with the same key, if any.
pub(super) fn first_repeat<K: Eq + Hash>(
    keys: impl IntoIterator<Item = K>,
) -> Option<(usize, usize)> {
    let mut seen = HashMap::new();
    for (i, k) in keys.into_iter().enumerate() {
        if let Some(first) = seen.insert(k, i) {
            return Some((first, i));
        }
    }
    None
}

/// Refuses an exchange in which two records have the same id (in any of
/// the kinds that have ids) or the same key (check-ins, red flags, habit
/// ticks, symptoms of your own, food tags, dish parts), naming both.
pub(super) fn check(ex: &Exchange) -> InputResult<()> {
    let ids = ex
        .meals
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("meals[{i}]"), &r.id))
        .chain(
            ex.symptoms
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("symptoms[{i}]"), &r.id)),
        )
        .chain(
            ex.stools
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("stools[{i}]"), &r.id)),
        )
        .chain(
            ex.intakes
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("intakes[{i}]"), &r.id)),
        )
        .chain(
            ex.plan_runs
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("plan_runs[{i}]"), &r.id)),
        )
        .chain(
            ex.experiments
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("experiments[{i}]"), &r.id)),
        );
    let (places, ids): (Vec<String>, Vec<String>) =
        ids.map(|(place, id)| (place, id.to_lowercase())).unzip();
    if let Some((a, b)) = first_repeat(ids.iter()) {
        return Err(InputError::new(format!(
            "{} and {} have the same id '{}' (ids ignore case); give each record its own id \
             or leave the id out; nothing was imported",
            places[a], places[b], ids[a]
        )));
    }
    let keyed =
        |what: &str, key: &str, found: Option<(usize, usize)>, show: &dyn Fn(usize) -> String| {
            match found {
                None => Ok(()),
                Some((a, b)) => Err(InputError::new(format!(
                    "{what}[{a}] and {what}[{b}] are both {}; {key}; nothing was imported",
                    show(a)
                ))),
            }
        };
    keyed(
        "checkins",
        "merge them into one check-in",
        first_repeat(ex.checkins.iter().map(|c| c.date)),
        &|i| format!("the check-in for {}", fmt_date(ex.checkins[i].date)),
    )?;
    keyed(
        "red_flags",
        "give each red flag once per date",
        first_repeat(ex.red_flags.iter().map(|f| (f.date, &f.flag))),
        &|i| {
            format!(
                "{} on {}",
                ex.red_flags[i].flag,
                fmt_date(ex.red_flags[i].date)
            )
        },
    )?;
    keyed(
        "habits",
        "give each habit once per date",
        first_repeat(ex.habits.iter().map(|h| (h.date, &h.habit))),
        &|i| format!("{} on {}", ex.habits[i].habit, fmt_date(ex.habits[i].date)),
    )?;
    keyed(
        "custom_symptoms",
        "list each symptom once",
        first_repeat(ex.custom_symptoms.iter()),
        &|i| format!("the symptom '{}'", ex.custom_symptoms[i]),
    )?;
    keyed(
        "food_tags",
        "give each food's tags once",
        first_repeat(ex.food_tags.iter().map(|f| food_key(&f.food))),
        &|i| format!("the tags of '{}' (names ignore case)", ex.food_tags[i].food),
    )?;
    keyed(
        "food_parts",
        "give each dish's parts once",
        first_repeat(ex.food_parts.iter().map(|f| food_key(&f.food))),
        &|i| {
            format!(
                "the parts of '{}' (names ignore case)",
                ex.food_parts[i].food
            )
        },
    )?;
    Ok(())
}
