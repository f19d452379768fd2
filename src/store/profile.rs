//! The optional profile (one row at most) and the parts of the user's own
//! dishes, both added in schema version 4.

use super::error::StoreResult;
use super::meals::{insert_meal, put_food_tags};
use super::records::conversion;
use super::{Store, StoreError};
use crate::domain::food::food_key;
use crate::domain::profile::{Profile, Sex};
use crate::domain::Meal;
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
        let mut stmt = self
            .conn
            .prepare_cached("SELECT food, parts FROM food_parts ORDER BY food")?;
        let rows = stmt.query_map([], |r| {
            let parts: String = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                serde_json::from_str(&parts).map_err(|e| conversion(1, e))?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves a new meal, the tags to remember for foods the dictionary does
    /// not know, and the parts of a dish (all in one transaction).
    pub fn add_meal_with_parts(
        &mut self,
        meal: &Meal,
        remember: &[(String, Vec<String>)],
        dish_parts: &[(String, Vec<String>)],
    ) -> StoreResult<()> {
        self.write(|tx| {
            insert_meal(tx, meal, false)?;
            for (food, tags) in remember {
                put_food_tags(tx, food, tags)?;
            }
            for (food, parts) in dish_parts {
                put_food_parts(tx, food, parts)?;
            }
            Ok(())
        })
    }
}
