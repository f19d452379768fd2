//! The optional profile (one row at most) and the parts of the user's own
//! dishes, both added in schema version 4. Each local edit records its
//! change time (a profile field, a dish's parts), so `gutlog sync` carries
//! it: see `crate::exchange::versions`.

use super::error::StoreResult;
use super::meals::{insert_meal, remember_food_tags};
use super::records::conversion;
use super::versions::stamp;
use super::{Store, StoreError};
use crate::domain::food::food_key;
use crate::domain::profile::{Profile, Sex};
use crate::domain::Meal;
use crate::exchange::versions::{key, profile_fields};
use crate::exchange::Kind;
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

    /// Replaces the profile; an empty profile removes it. Each field that
    /// changes records its change time (a cleared one, a tombstone).
    pub fn set_profile(&mut self, p: &Profile, now: NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| {
            let old = profile_fields(&profile_in(tx)?);
            for ((field, was), (_, new)) in old.into_iter().zip(profile_fields(p)) {
                if was != new {
                    stamp(tx, Kind::Profile, field, now, new.is_none())?;
                }
            }
            put_profile(tx, p)
        })
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
            let have: std::collections::HashMap<String, Vec<String>> =
                food_parts_of(tx)?.into_iter().collect();
            for (food, parts) in dish_parts {
                if have.get(&food_key(food)) != Some(parts) {
                    put_food_parts(tx, food, parts)?;
                    stamp(tx, Kind::FoodParts, &key::food(food), now, false)?;
                }
            }
            Ok(())
        })
    }
}
