//! Meals and the user's remembered food tags.

use super::error::StoreResult;
use super::versions::stamp;
use super::{Store, StoreError};
use crate::domain::food::{food_key, FoodBook};
use crate::domain::time::fmt_datetime;
use crate::domain::{Meal, Slot};
use crate::exchange::versions::key;
use crate::exchange::Kind;
use chrono::NaiveDateTime;
use rusqlite::{named_params, Connection, OptionalExtension, Row};

pub(crate) const MEAL_COLUMNS: &str = "id, at, slot, foods, tags, note";

pub(crate) fn meal_from_row(row: &Row) -> rusqlite::Result<Meal> {
    let slot: String = row.get(2)?;
    let foods: String = row.get(3)?;
    let tags: String = row.get(4)?;
    Ok(Meal {
        id: row.get(0)?,
        at: super::records::datetime_col(row, 1)?,
        slot: Slot::parse(&slot).map_err(|e| super::records::conversion(2, e))?,
        foods: serde_json::from_str(&foods).map_err(|e| super::records::conversion(3, e))?,
        tags: serde_json::from_str(&tags).map_err(|e| super::records::conversion(4, e))?,
        note: row.get(5)?,
    })
}

pub(crate) fn insert_meal(conn: &Connection, m: &Meal, skip: bool) -> StoreResult<usize> {
    let n = conn.prepare_cached(&format!(
        "INSERT INTO meals (id, at, slot, foods, tags, note)
         VALUES (:id, :at, :slot, :foods, :tags, :note){}",
        super::records::skip_existing(skip, "id")
    ))?
    .execute(named_params! {
            ":id": m.id,
            ":at": fmt_datetime(m.at),
            ":slot": m.slot.as_str(),
            ":foods": serde_json::to_string(&m.foods).map_err(|e| StoreError::Other(e.to_string()))?,
            ":tags": serde_json::to_string(&m.tags).map_err(|e| StoreError::Other(e.to_string()))?,
            ":note": m.note,
    })?;
    Ok(n)
}

impl Store {
    /// Saves a new meal. Tags given for foods the dictionary does not know
    /// are remembered for those foods (`remember` lists them), changed at
    /// `now`.
    pub fn add_meal(
        &mut self,
        meal: &Meal,
        remember: &[(String, Vec<String>)],
        now: NaiveDateTime,
    ) -> StoreResult<()> {
        self.write(|tx| {
            insert_meal(tx, meal, false)?;
            remember_food_tags(tx, remember, now)
        })
    }

    /// Replaces a meal (same id) with new values, changed at `now`.
    pub fn update_meal(&mut self, meal: &Meal, now: NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| update_meal_row(tx, meal, now))
    }

    /// Meals with `from <= at < to`, oldest first.
    pub fn meals_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> StoreResult<Vec<Meal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEAL_COLUMNS} FROM meals WHERE at >= ?1 AND at < ?2 ORDER BY at, id"
        ))?;
        let rows = stmt.query_map([fmt_datetime(from), fmt_datetime(to)], meal_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Meals at or after `since`, newest first, one per distinct list of
    /// foods, at most `limit` (for "repeat a recent meal").
    pub fn recent_meals(&self, since: NaiveDateTime, limit: usize) -> StoreResult<Vec<Meal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEAL_COLUMNS} FROM meals WHERE at >= ?1 ORDER BY at DESC, id"
        ))?;
        let rows = stmt.query_map([fmt_datetime(since)], meal_from_row)?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for m in rows {
            let m = m?;
            let key: Vec<String> = m.foods.iter().map(|f| food_key(f)).collect();
            if seen.insert(key) {
                out.push(m);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// The user's remembered tags, food → tags.
    pub fn food_tags(&self) -> StoreResult<Vec<(String, Vec<String>)>> {
        food_tags_of(&self.conn)
    }

    /// The food dictionary plus this diary's remembered tags and dish parts.
    pub fn food_book(&self) -> StoreResult<FoodBook> {
        Ok(FoodBook::with_user(self.food_tags()?, self.food_parts()?))
    }

    /// Distinct food names the user has logged, most frequent first.
    pub fn food_history(&self, limit: usize) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(j.value) AS food, count(*) AS n
             FROM meals, json_each(meals.foods) AS j
             GROUP BY food ORDER BY n DESC, food LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Meals whose foods or note contain `needle` (case-insensitive), newest first.
    pub fn search_meals(&self, needle: &str, limit: usize) -> StoreResult<Vec<Meal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEAL_COLUMNS} FROM meals
             WHERE instr(lower(foods), lower(?1)) > 0 OR instr(lower(coalesce(note, '')), lower(?1)) > 0
             ORDER BY at DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(rusqlite::params![needle, limit as i64], meal_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Replaces a meal (same id) with new values, changed at `now` (nothing is
/// written when nothing changed); NotFound when it is gone.
pub(crate) fn update_meal_row(
    conn: &Connection,
    meal: &Meal,
    now: NaiveDateTime,
) -> StoreResult<()> {
    let old = conn
        .prepare_cached(&format!("SELECT {MEAL_COLUMNS} FROM meals WHERE id = ?1"))?
        .query_row([&meal.id], meal_from_row)
        .optional()?;
    if old.as_ref() == Some(meal) {
        return Ok(());
    }
    let n = conn.execute(
        "UPDATE meals SET at = :at, slot = :slot, foods = :foods, tags = :tags, note = :note
         WHERE id = :id",
        named_params! {
            ":id": meal.id,
            ":at": fmt_datetime(meal.at),
            ":slot": meal.slot.as_str(),
            ":foods": serde_json::to_string(&meal.foods).map_err(|e| StoreError::Other(e.to_string()))?,
            ":tags": serde_json::to_string(&meal.tags).map_err(|e| StoreError::Other(e.to_string()))?,
            ":note": meal.note,
        },
    )?;
    if n == 0 {
        return Err(StoreError::NotFound(meal.id.clone()));
    }
    stamp(conn, Kind::Meals, &meal.id, now, false)
}

/// Remembers the tags given for foods the dictionary does not know, each
/// changed at `now` when it differs from what was remembered.
pub(crate) fn remember_food_tags(
    conn: &Connection,
    remember: &[(String, Vec<String>)],
    now: NaiveDateTime,
) -> StoreResult<()> {
    for (food, tags) in remember {
        if food_tags_of_food(conn, food)?.as_ref() != Some(tags) {
            put_food_tags(conn, food, tags)?;
            stamp(conn, Kind::FoodTags, &key::food(food), now, false)?;
        }
    }
    Ok(())
}

pub(crate) fn food_tags_of(conn: &Connection) -> StoreResult<Vec<(String, Vec<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT food, tags FROM food_tags ORDER BY food")?;
    let rows = stmt.query_map([], |r| {
        let tags: String = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            serde_json::from_str(&tags).map_err(|e| super::records::conversion(1, e))?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The tags remembered for one food, if any.
pub(crate) fn food_tags_of_food(conn: &Connection, food: &str) -> StoreResult<Option<Vec<String>>> {
    let tags: Option<String> = conn
        .prepare_cached("SELECT tags FROM food_tags WHERE food = ?1")?
        .query_row([food_key(food)], |r| r.get(0))
        .optional()?;
    tags.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Other(e.to_string())))
        .transpose()
}

pub(crate) fn put_food_tags(conn: &Connection, food: &str, tags: &[String]) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO food_tags (food, tags) VALUES (?1, ?2)
         ON CONFLICT (food) DO UPDATE SET tags = excluded.tags",
        rusqlite::params![
            food_key(food),
            serde_json::to_string(tags).map_err(|e| StoreError::Other(e.to_string()))?
        ],
    )?;
    Ok(())
}
