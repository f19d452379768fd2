//! Reading the whole diary for export, and importing one (all or nothing).

use super::checkins::checkin_from_row;
use super::error::{StoreError, StoreResult};
use super::experiments::load_experiments;
use super::meals::{food_tags_of, meal_from_row, MEAL_COLUMNS};
use super::plan::load_runs;
use super::profile::{food_parts_of, profile_in};
use super::records::{date_col, intake_from_row, stool_from_row, symptom_from_row};
use super::versions::all_versions;
use super::Store;
use crate::domain::{HabitTick, InputError, RedFlagEntry};
use crate::exchange::{Exchange, FoodParts, FoodTags, IdOwners};
use crate::sync::merge::Mode;
use rusqlite::{Connection, Row};

/// What an import added; records already present are counted as skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub added: usize,
    pub skipped: usize,
    pub checkins_merged: usize,
    /// Records already present that the file's later version replaced.
    pub updated: usize,
    /// Records the file's later deletion removed.
    pub deleted: usize,
    /// Records in the file that this diary deleted later: not brought back.
    pub kept_deleted: usize,
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> StoreResult<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], f)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every record in the diary, with its change times and tombstones, in
/// export order (by time, then id), read on `c`.
pub(crate) fn read_all(c: &Connection) -> StoreResult<Exchange> {
    let (changed, deleted) = all_versions(c)?;
    Ok(Exchange {
        meals: all(c, &format!("SELECT {MEAL_COLUMNS} FROM meals ORDER BY at, id"), meal_from_row)?,
        symptoms: all(
            c,
            "SELECT id, at, symptom, severity, note FROM symptom_ratings ORDER BY at, id",
            symptom_from_row,
        )?,
        stools: all(c, "SELECT id, at, bristol FROM stools ORDER BY at, id", stool_from_row)?,
        checkins: all(
            c,
            "SELECT date, mood, energy, stress, sleep_hours, water_glasses, movement_minutes, note
             FROM checkins
             WHERE coalesce(mood, energy, stress, sleep_hours, water_glasses, movement_minutes, note)
                IS NOT NULL
             ORDER BY date",
            checkin_from_row,
        )?,
        intakes: all(c, "SELECT id, at, name, kind FROM intakes ORDER BY at, id", intake_from_row)?,
        red_flags: all(c, "SELECT date, flag FROM red_flags ORDER BY date, flag", |r| {
            Ok(RedFlagEntry { date: date_col(r, 0)?, flag: r.get(1)? })
        })?,
        plan_runs: load_runs(c, "started_on, id")?,
        habits: all(c, "SELECT date, habit FROM habit_ticks ORDER BY date, habit", |r| {
            Ok(HabitTick { date: date_col(r, 0)?, habit: r.get(1)? })
        })?,
        custom_symptoms: all(c, "SELECT id FROM custom_symptoms ORDER BY id", |r| r.get(0))?,
        food_tags: food_tags_of(c)?
            .into_iter()
            .map(|(food, tags)| FoodTags { food, tags })
            .collect(),
        food_parts: food_parts_of(c)?
            .into_iter()
            .map(|(food, parts)| FoodParts { food, parts })
            .collect(),
        profile: Some(profile_in(c)?).filter(|p| !p.is_empty()),
        experiments: load_experiments(c)?,
        changed,
        deleted,
        ..Exchange::empty()
    })
}

impl Store {
    /// Every record in the diary, with change times and tombstones, in
    /// export order (by time, then id).
    pub fn export(&self) -> StoreResult<Exchange> {
        let c = &self.conn;
        // One read transaction, so the export is a consistent snapshot.
        c.execute_batch("BEGIN")?;
        let result = read_all(c);
        c.execute_batch("COMMIT")?;
        result
    }

    /// Imports a validated exchange in one transaction, as a merge: a
    /// record the diary lacks is added; one it has is kept, unless the
    /// file's version changed later; a deletion in the file deletes the
    /// diary's record unless the diary changed it later; a record the
    /// diary deleted later stays deleted. Check-ins merge field by field.
    /// Importing twice adds nothing; a refusal by the database aborts the
    /// whole import, naming the record.
    pub fn import(&mut self, ex: &Exchange) -> StoreResult<ImportSummary> {
        self.refuse_ids_of_other_kinds(ex)?;
        let remote = crate::exchange::elements(ex)?;
        let out = self.merge_in(&remote, &ex.custom_symptoms, Mode::Import, None, None)?;
        Ok(ImportSummary {
            added: out.tally.added,
            skipped: out.tally.present,
            checkins_merged: out.tally.checkins,
            updated: out.tally.updated,
            deleted: out.tally.deleted,
            kept_deleted: out.tally.kept_deleted,
        })
    }
}

/// The tables whose records have ids, in `IdOwners`' order of kinds.
const ID_TABLES: [&str; 5] = ["meals", "symptom_ratings", "stools", "intakes", "plan_runs"];

impl Store {
    /// An id names one record (`gutlog delete ID` looks in every table):
    /// refuses a record whose id a record of another kind already has.
    /// Read before the import takes the write lock.
    pub fn refuse_ids_of_other_kinds(&self, ex: &Exchange) -> StoreResult<()> {
        if !IdOwners::has_ids(ex) {
            return Ok(());
        }
        let mut owners = IdOwners::default();
        for (t, table) in ID_TABLES.iter().enumerate() {
            let mut stmt = self.conn.prepare(&format!("SELECT id FROM {table}"))?;
            for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
                owners.insert(id?, t);
            }
        }
        Ok(owners.check(ex)?)
    }
}

/// Turns the database's refusal of one record (a CHECK, NOT NULL or
/// foreign-key failure) into an input error naming it; the transaction is
/// then rolled back, so nothing of the import is kept.
pub(super) fn refused<'a>(
    kind: &'a str,
    i: usize,
    name: &'a str,
) -> impl Fn(StoreError) -> StoreError + 'a {
    move |e| match &e {
        StoreError::Sqlite(err)
            if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            StoreError::Input(InputError::new(format!(
                "{kind}[{i}] ('{name}') was refused by the diary ({err}); nothing was imported"
            )))
        }
        _ => e,
    }
}
