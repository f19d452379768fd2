//! Reading the whole diary for export, and importing one (all or nothing).

use super::checkins::{checkin_from_row, merge_checkin};
use super::error::StoreResult;
use super::meals::{insert_meal, meal_from_row, put_food_tags, MEAL_COLUMNS};
use super::plan::{insert_run, load_runs};
use super::profile::{profile_in, put_food_parts, put_profile};
use super::records::{
    date_col, insert_custom_symptom, insert_habit, insert_intake, insert_red_flag, insert_stool,
    insert_symptom, intake_from_row, stool_from_row, symptom_from_row,
};
use super::Store;
use crate::domain::profile::Profile;
use crate::domain::{HabitTick, RedFlagEntry};
use crate::exchange::{Exchange, FoodParts, FoodTags};
use rusqlite::{Connection, Row};

/// What an import added; records already present are counted as skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub added: usize,
    pub skipped: usize,
    pub checkins_merged: usize,
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

impl Store {
    /// Every record in the diary, in export order (by time, then id).
    pub fn export(&self) -> StoreResult<Exchange> {
        let c = &self.conn;
        // One read transaction, so the export is a consistent snapshot.
        c.execute_batch("BEGIN")?;
        let result = (|| {
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
                     FROM checkins ORDER BY date",
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
                food_tags: self
                    .food_tags()?
                    .into_iter()
                    .map(|(food, tags)| FoodTags { food, tags })
                    .collect(),
                food_parts: self
                    .food_parts()?
                    .into_iter()
                    .map(|(food, parts)| FoodParts { food, parts })
                    .collect(),
                profile: Some(self.profile()?).filter(|p| !p.is_empty()),
                ..Exchange::empty()
            })
        })();
        c.execute_batch("COMMIT")?;
        result
    }

    /// Imports a validated exchange in one transaction. Records whose id is
    /// already present are skipped, so importing twice adds nothing.
    pub fn import(&mut self, ex: &Exchange) -> StoreResult<ImportSummary> {
        self.write(|tx| {
            let mut s = ImportSummary::default();
            let mut count = |n: usize| {
                if n > 0 {
                    s.added += 1
                } else {
                    s.skipped += 1
                }
            };
            for id in &ex.custom_symptoms {
                insert_custom_symptom(tx, id)?;
            }
            for f in &ex.food_tags {
                put_food_tags(tx, &f.food, &f.tags)?;
            }
            for f in &ex.food_parts {
                put_food_parts(tx, &f.food, &f.parts)?;
            }
            if let Some(p) = &ex.profile {
                // What the diary already says wins; the file fills the gaps.
                let mine = profile_in(tx)?;
                let merged = Profile {
                    birth_year: mine.birth_year.or(p.birth_year),
                    sex: mine.sex.or(p.sex),
                };
                put_profile(tx, &merged)?;
            }
            for m in &ex.meals {
                count(insert_meal(tx, m, true)?);
            }
            for r in &ex.symptoms {
                if crate::content::symptoms().get(&r.symptom).is_none() {
                    insert_custom_symptom(tx, &r.symptom)?;
                }
                count(insert_symptom(tx, r, true)?);
            }
            for r in &ex.stools {
                count(insert_stool(tx, r, true)?);
            }
            for r in &ex.intakes {
                count(insert_intake(tx, r, true)?);
            }
            for r in &ex.red_flags {
                count(insert_red_flag(tx, r)?);
            }
            for h in &ex.habits {
                count(insert_habit(tx, h.date, &h.habit)?);
            }
            for r in &ex.plan_runs {
                let created = r.started_on.and_hms_opt(0, 0, 0).expect("midnight exists");
                count(insert_run(tx, r, created, true)?);
            }
            for c in &ex.checkins {
                merge_checkin(tx, c)?;
                s.checkins_merged += 1;
            }
            Ok(s)
        })
    }
}
