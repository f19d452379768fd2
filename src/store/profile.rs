//! The optional profile (one row at most) and the parts of the user's own
//! dishes, both added in schema version 4.

use super::error::StoreResult;
use super::meals::{insert_meal, remember_food_tags};
use super::records::conversion;
use super::{Store, StoreError};
use crate::domain::food::food_key;
use crate::domain::profile::{Profile, Sex};
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

/// What an exchange file brings beside its records: the parts of dishes
/// (the file's parts replace the ones remembered for that dish) and the
/// profile (it fills only what the diary does not already say).
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub food_parts: &'a [FoodParts],
    pub profile: Option<&'a Profile>,
}

impl Extras<'_> {
    /// The writes these extras need in the diary on `conn`: the dishes
    /// whose parts differ, and the profile when it fills a gap.
    fn pending(&self, conn: &Connection) -> StoreResult<(Vec<&FoodParts>, Option<Profile>)> {
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
        Ok((parts, profile))
    }

    /// True when applying these extras would change the diary.
    pub(crate) fn change_anything(&self, conn: &Connection) -> StoreResult<bool> {
        let (parts, profile) = self.pending(conn)?;
        Ok(!parts.is_empty() || profile.is_some())
    }

    /// Writes what these extras change; returns how many writes.
    pub(crate) fn apply(&self, conn: &Connection) -> StoreResult<usize> {
        let (parts, profile) = self.pending(conn)?;
        for f in &parts {
            put_food_parts(conn, &f.food, &f.parts)?;
        }
        if let Some(p) = &profile {
            put_profile(conn, p)?;
        }
        Ok(parts.len() + usize::from(profile.is_some()))
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
