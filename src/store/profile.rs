//! The optional profile (one row at most) and the parts of the user's own
//! dishes, both added in schema version 4.

use super::error::StoreResult;
use super::exchange::refused;
use super::experiments::{insert_experiment, load_experiments};
use super::meals::{insert_meal, remember_food_tags};
use super::records::conversion;
use super::{Store, StoreError};
use crate::domain::experiment::Experiment;
use crate::domain::food::food_key;
use crate::domain::profile::{Profile, Sex};
use crate::domain::InputError;
use crate::domain::Meal;
use crate::exchange::FoodParts;
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) fn put_profile(conn: &Connection, p: &Profile) -> StoreResult<()> {
    if p.is_empty() {
        conn.execute("DELETE FROM profile", [])?;
    } else {
        conn.execute(
            "INSERT INTO profile (id, birth_year, sex) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET birth_year = excluded.birth_year, sex = excluded.sex",
            params![p.birth_year, p.sex.map(Sex::as_str)],
        )?;
    }
    Ok(())
}

pub(crate) fn put_food_parts(conn: &Connection, food: &str, parts: &[String]) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO food_parts (food, parts) VALUES (?1, ?2)
         ON CONFLICT (food) DO UPDATE SET parts = excluded.parts",
        params![
            food_key(food),
            serde_json::to_string(parts).map_err(|e| StoreError::Other(e.to_string()))?
        ],
    )?;
    Ok(())
}

/// The user's own dishes and their parts, dish → parts, by dish.
pub(crate) fn food_parts_of(conn: &Connection) -> StoreResult<Vec<(String, Vec<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT food, parts FROM food_parts ORDER BY food")?;
    let rows = stmt.query_map([], |r| {
        let parts: String = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            serde_json::from_str(&parts).map_err(|e| conversion(1, e))?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What an exchange file brings beside its records, none of it with change
/// times: the parts of dishes (the file's parts replace the ones
/// remembered for that dish), the profile (it fills only what the diary
/// does not already say) and experiments (one whose id the diary has is
/// left as it is; one that shares dates with another is refused with
/// `refuse_overlaps`, else left out).
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub food_parts: &'a [FoodParts],
    pub profile: Option<&'a Profile>,
    pub experiments: &'a [Experiment],
    pub refuse_overlaps: bool,
}

/// The writes some extras need in a diary.
struct Pending<'a> {
    parts: Vec<&'a FoodParts>,
    profile: Option<Profile>,
    experiments: Vec<&'a Experiment>,
}

impl<'a> Extras<'a> {
    /// The writes these extras need in the diary on `conn`: the dishes
    /// whose parts differ, the profile when it fills a gap, the
    /// experiments the diary lacks.
    fn pending(&self, conn: &Connection) -> StoreResult<Pending<'a>> {
        let have: std::collections::HashMap<String, Vec<String>> =
            food_parts_of(conn)?.into_iter().collect();
        let parts = self
            .food_parts
            .iter()
            .filter(|f| have.get(&food_key(&f.food)) != Some(&f.parts))
            .collect();
        let profile = match self.profile {
            Some(p) => {
                let mine = profile_in(conn)?;
                let merged = Profile {
                    birth_year: mine.birth_year.or(p.birth_year),
                    sex: mine.sex.or(p.sex),
                };
                (merged != mine).then_some(merged)
            }
            None => None,
        };
        let mut experiments = Vec::new();
        if !self.experiments.is_empty() {
            let mine = load_experiments(conn)?;
            for (i, e) in self.experiments.iter().enumerate() {
                if mine.iter().any(|m| m.id.eq_ignore_ascii_case(&e.id)) {
                    continue;
                }
                // Experiments run one at a time: a new one may not share
                // dates with one already in the diary.
                if let Some(other) = mine.iter().find(|m| m.overlaps(e)) {
                    if !self.refuse_overlaps {
                        continue;
                    }
                    return Err(InputError::new(format!(
                        "experiments[{i}] ({} from {}) overlaps the diary's experiment on {} \
                         from {}; experiments run one at a time; nothing was imported",
                        e.factor_label(),
                        e.started_on,
                        other.factor_label(),
                        other.started_on
                    ))
                    .into());
                }
                if experiments.iter().any(|x: &&Experiment| x.overlaps(e)) {
                    continue;
                }
                experiments.push(e);
            }
        }
        Ok(Pending {
            parts,
            profile,
            experiments,
        })
    }

    /// True when applying these extras would change the diary (an overlap
    /// refused is an error here already, before anything is written).
    pub(crate) fn change_anything(&self, conn: &Connection) -> StoreResult<bool> {
        let p = self.pending(conn)?;
        Ok(!p.parts.is_empty() || p.profile.is_some() || !p.experiments.is_empty())
    }

    /// Writes what these extras change; returns how many writes, and how
    /// many experiments were added.
    pub(crate) fn apply(&self, conn: &Connection) -> StoreResult<(usize, usize)> {
        let p = self.pending(conn)?;
        for f in &p.parts {
            put_food_parts(conn, &f.food, &f.parts)?;
        }
        if let Some(profile) = &p.profile {
            put_profile(conn, profile)?;
        }
        for (i, e) in p.experiments.iter().enumerate() {
            insert_experiment(conn, e, true).map_err(refused("experiments", i, &e.id))?;
        }
        let n = p.experiments.len();
        Ok((p.parts.len() + usize::from(p.profile.is_some()) + n, n))
    }
}

pub(crate) fn profile_in(conn: &Connection) -> StoreResult<Profile> {
    let row = conn
        .query_row(
            "SELECT birth_year, sex FROM profile WHERE id = 1",
            [],
            |r| {
                let sex: Option<String> = r.get(1)?;
                Ok(Profile {
                    birth_year: r.get(0)?,
                    sex: sex
                        .map(|s| Sex::parse(&s).map_err(|e| conversion(1, e)))
                        .transpose()?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

impl Store {
    /// The profile; empty (every field None) when none was given.
    pub fn profile(&self) -> StoreResult<Profile> {
        profile_in(&self.conn)
    }

    /// Replaces the profile; an empty profile removes it.
    pub fn set_profile(&mut self, p: &Profile) -> StoreResult<()> {
        self.write(|tx| put_profile(tx, p))
    }

    /// The user's own dishes and their parts, dish → parts, by dish.
    pub fn food_parts(&self) -> StoreResult<Vec<(String, Vec<String>)>> {
        food_parts_of(&self.conn)
    }

    /// Saves a new meal, the tags to remember for foods the dictionary does
    /// not know, and the parts of a dish (all in one transaction).
    pub fn add_meal_with_parts(
        &mut self,
        meal: &Meal,
        remember: &[(String, Vec<String>)],
        dish_parts: &[(String, Vec<String>)],
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            insert_meal(tx, meal, false)?;
            remember_food_tags(tx, remember, now)?;
            for (food, parts) in dish_parts {
                put_food_parts(tx, food, parts)?;
            }
            Ok(())
        })
    }
}
