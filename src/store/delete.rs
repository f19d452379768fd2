//! Deleting a record by id (or a unique prefix of it), and putting it back.

use super::error::{StoreError, StoreResult};
use super::meals::{insert_meal, meal_from_row, MEAL_COLUMNS};
use super::plan::insert_run;
use super::records::{
    insert_intake, insert_stool, insert_symptom, intake_from_row, stool_from_row, symptom_from_row,
};
use super::versions::{forget_ticks_of, stamp};
use super::Store;
use crate::domain::{InputError, Intake, Meal, PlanRun, Stool, SymptomRating};
use crate::exchange::Kind;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

/// A deleted record, kept whole so that it can be restored (undo).
#[derive(Debug, Clone, PartialEq)]
pub enum Deleted {
    Meal(Meal),
    Symptom(SymptomRating),
    Stool(Stool),
    Intake(Intake),
    PlanRun(PlanRun, NaiveDateTime),
}

impl Deleted {
    pub fn kind(&self) -> &'static str {
        match self {
            Deleted::Meal(_) => "meal",
            Deleted::Symptom(_) => "symptom rating",
            Deleted::Stool(_) => "stool",
            Deleted::Intake(_) => "intake",
            Deleted::PlanRun(..) => "plan run",
        }
    }
    pub fn id(&self) -> &str {
        match self {
            Deleted::Meal(m) => &m.id,
            Deleted::Symptom(s) => &s.id,
            Deleted::Stool(s) => &s.id,
            Deleted::Intake(i) => &i.id,
            Deleted::PlanRun(r, _) => &r.id,
        }
    }
}

const TABLES: [&str; 5] = ["meals", "symptom_ratings", "stools", "intakes", "plan_runs"];
/// The kind of element of each table, for its tombstone.
const KINDS: [Kind; 5] = [
    Kind::Meals,
    Kind::Symptoms,
    Kind::Stools,
    Kind::Intakes,
    Kind::PlanRuns,
];

/// The full id matching `id_or_prefix` (at least 6 characters) in any table.
fn resolve(conn: &Connection, id_or_prefix: &str) -> StoreResult<(usize, String)> {
    let needle = id_or_prefix.trim().to_lowercase();
    if needle.len() < 6 {
        return Err(InputError::new(format!(
            "id '{id_or_prefix}' is too short; give at least its first 6 characters"
        ))
        .into());
    }
    let mut found = Vec::new();
    for (i, table) in TABLES.iter().enumerate() {
        // ids are UUIDs: a prefix range scan on the primary key.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || char(1114111) LIMIT 2"
        ))?;
        for id in stmt.query_map([&needle], |r| r.get::<_, String>(0))? {
            found.push((i, id?));
        }
    }
    match found.len() {
        0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
        1 => Ok(found.remove(0)),
        _ => Err(InputError::new(format!(
            "id '{id_or_prefix}' matches more than one entry; give more of it"
        ))
        .into()),
    }
}

impl Store {
    /// Deletes the record with this id (or unique prefix) at `now`, leaving
    /// a tombstone, and returns it.
    pub fn delete(&mut self, id_or_prefix: &str, now: NaiveDateTime) -> StoreResult<Deleted> {
        self.write(|tx| {
            let (table, id) = resolve(tx, id_or_prefix)?;
            let deleted = match TABLES[table] {
                "meals" => Deleted::Meal(tx.query_row(
                    &format!("SELECT {MEAL_COLUMNS} FROM meals WHERE id = ?1"),
                    [&id],
                    meal_from_row,
                )?),
                "symptom_ratings" => Deleted::Symptom(tx.query_row(
                    "SELECT id, at, symptom, severity, note FROM symptom_ratings WHERE id = ?1",
                    [&id],
                    symptom_from_row,
                )?),
                "stools" => Deleted::Stool(tx.query_row(
                    "SELECT id, at, bristol FROM stools WHERE id = ?1",
                    [&id],
                    stool_from_row,
                )?),
                "intakes" => Deleted::Intake(tx.query_row(
                    "SELECT id, at, name, kind FROM intakes WHERE id = ?1",
                    [&id],
                    intake_from_row,
                )?),
                _ => {
                    let created: String = tx
                        .query_row(
                            "SELECT created_at FROM plan_runs WHERE id = ?1",
                            [&id],
                            |r| r.get(0),
                        )
                        .optional()?
                        .unwrap_or_default();
                    let created = crate::domain::time::parse_stored_datetime(&created)?;
                    let runs = super::plan::load_runs(tx, "id")?;
                    let run = runs
                        .into_iter()
                        .find(|r| r.id == id)
                        .ok_or_else(|| StoreError::NotFound(id.clone()))?;
                    Deleted::PlanRun(run, created)
                }
            };
            tx.execute(
                &format!("DELETE FROM {} WHERE id = ?1", TABLES[table]),
                [&id],
            )?;
            stamp(tx, KINDS[table], &id, now, true)?;
            if KINDS[table] == Kind::PlanRuns {
                forget_ticks_of(tx, &id)?;
            }
            Ok(deleted)
        })
    }

    /// Puts a deleted record back, with its original id (undo), at `now`:
    /// a change later than its deletion.
    pub fn restore(&mut self, deleted: &Deleted, now: NaiveDateTime) -> StoreResult<()> {
        self.write(|tx| {
            let kind = match deleted {
                Deleted::Meal(m) => {
                    insert_meal(tx, m, false)?;
                    Kind::Meals
                }
                Deleted::Symptom(s) => {
                    insert_symptom(tx, s, false)?;
                    Kind::Symptoms
                }
                Deleted::Stool(s) => {
                    insert_stool(tx, s, false)?;
                    Kind::Stools
                }
                Deleted::Intake(i) => {
                    insert_intake(tx, i, false)?;
                    Kind::Intakes
                }
                Deleted::PlanRun(r, created) => {
                    insert_run(tx, r, *created, false)?;
                    Kind::PlanRuns
                }
            };
            stamp(tx, kind, deleted.id(), now, false)
        })
    }
}
