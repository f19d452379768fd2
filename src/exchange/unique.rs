//! Duplicates inside one import file, refused whole: a key repeated in any
//! JSON object (serde_json would silently keep the last one), the
//! same id twice (ids ignore case), and keyed records (a date's check-in, a
//! red flag, a habit tick, a symptom or food name) given twice.

use super::Exchange;
use crate::domain::food::food_key;
use crate::domain::time::fmt_date;
use crate::domain::{InputError, InputResult};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

/// Checks JSON text as `serde_json::from_str` would, and refuses an object
/// that holds the same key twice, naming where. Builds nothing: the
/// records are read afterwards, straight from the text.
pub(super) fn check_json(text: &str) -> InputResult<()> {
    let mut de = serde_json::Deserializer::from_str(text);
    let checked = Node { path: Path::Root }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    checked.map_err(|e| {
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
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Node {
                path: Path::Index(&self.path, i),
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Objects here have a dozen keys at most: a list beats a map.
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(first) = keys.iter().position(|k| *k == key) {
                let (first, second) = (first + 1, keys.len() + 1);
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
            map.next_value_seed(Node {
                path: Path::Key(&self.path, &key),
            })?;
            keys.push(key);
        }
        Ok(())
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

/// Which kind of record holds each id (an id names one record, of any
/// kind): meals, symptoms, stools, intakes, plan runs.
#[derive(Debug, Default)]
pub struct IdOwners(HashMap<String, usize>);

const ID_KINDS: [(&str, &str); 5] = [
    ("meals", "meal"),
    ("symptoms", "symptom rating"),
    ("stools", "stool"),
    ("intakes", "intake"),
    ("plan_runs", "plan run"),
];

fn ids_by_kind(ex: &Exchange) -> [Vec<&str>; 5] {
    [
        ex.meals.iter().map(|r| r.id.as_str()).collect(),
        ex.symptoms.iter().map(|r| r.id.as_str()).collect(),
        ex.stools.iter().map(|r| r.id.as_str()).collect(),
        ex.intakes.iter().map(|r| r.id.as_str()).collect(),
        ex.plan_runs.iter().map(|r| r.id.as_str()).collect(),
    ]
}

impl IdOwners {
    /// The ids of a whole diary, as exported.
    pub fn of(ex: &Exchange) -> IdOwners {
        let mut owners = IdOwners::default();
        for (kind, ids) in ids_by_kind(ex).iter().enumerate() {
            for id in ids {
                owners.insert(id.to_string(), kind);
            }
        }
        owners
    }

    /// Records that `id` belongs to kind number `kind` (meals 0 … plan runs 4).
    pub fn insert(&mut self, id: String, kind: usize) {
        self.0.insert(id, kind);
    }

    /// True when the file holds any record with an id.
    pub fn has_ids(ex: &Exchange) -> bool {
        !(ex.meals.is_empty()
            && ex.symptoms.is_empty()
            && ex.stools.is_empty()
            && ex.intakes.is_empty()
            && ex.plan_runs.is_empty())
    }

    /// Refuses a record of `ex` whose id a record of another kind has.
    pub fn check(&self, ex: &Exchange) -> InputResult<()> {
        for (t, ids) in ids_by_kind(ex).iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                match self.0.get(*id) {
                    Some(&other) if other != t => {
                        return Err(InputError::new(format!(
                            "{}[{i}] has the id '{id}', which a {} in the diary already has; \
                             give it another id or leave the id out; nothing was imported",
                            ID_KINDS[t].0, ID_KINDS[other].1
                        )))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}
