//! Reading the whole diary for export, and importing one (all or nothing).

use super::checkins::{checkin_from_row, merge_checkin};
use super::error::{StoreError, StoreResult};
use super::experiments::{insert_experiment, load_experiments};
use super::meals::{insert_meal, meal_from_row, put_food_tags, MEAL_COLUMNS};
use super::plan::{insert_run, load_runs};
use super::profile::{profile_in, put_food_parts, put_profile};
use super::records::{
    date_col, insert_custom_symptom, insert_habit, insert_intake, insert_red_flag, insert_stool,
    insert_symptom, intake_from_row, stool_from_row, symptom_from_row,
};
use super::Store;
use crate::domain::profile::Profile;
use crate::domain::time::fmt_date;
use crate::domain::{HabitTick, InputError, RedFlagEntry};
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
                experiments: load_experiments(c)?,
                ..Exchange::empty()
            })
        })();
        c.execute_batch("COMMIT")?;
        result
    }

    /// Imports a validated exchange in one transaction. Records whose id
    /// (or, for keyed records, whose key) is already present are skipped,
    /// so importing twice adds nothing; any other refusal by the database
    /// aborts the whole import, naming the record.
    pub fn import(&mut self, ex: &Exchange) -> StoreResult<ImportSummary> {
        let catalogue = crate::content::symptoms();
        self.refuse_ids_of_other_kinds(ex)?;
        self.write(|tx| {
            let mut s = ImportSummary::default();
            let mut count = |n: usize| {
                if n > 0 {
                    s.added += 1
                } else {
                    s.skipped += 1
                }
            };
            for (i, id) in ex.custom_symptoms.iter().enumerate() {
                insert_custom_symptom(tx, id).map_err(refused("custom_symptoms", i, id))?;
            }
            for (i, f) in ex.food_tags.iter().enumerate() {
                put_food_tags(tx, &f.food, &f.tags).map_err(refused("food_tags", i, &f.food))?;
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
            for (i, m) in ex.meals.iter().enumerate() {
                count(insert_meal(tx, m, true).map_err(refused("meals", i, &m.id))?);
            }
            for (i, r) in ex.symptoms.iter().enumerate() {
                if catalogue.get(&r.symptom).is_none() {
                    insert_custom_symptom(tx, &r.symptom).map_err(refused("symptoms", i, &r.id))?;
                }
                count(insert_symptom(tx, r, true).map_err(refused("symptoms", i, &r.id))?);
            }
            for (i, r) in ex.stools.iter().enumerate() {
                count(insert_stool(tx, r, true).map_err(refused("stools", i, &r.id))?);
            }
            for (i, r) in ex.intakes.iter().enumerate() {
                count(insert_intake(tx, r, true).map_err(refused("intakes", i, &r.id))?);
            }
            for (i, r) in ex.red_flags.iter().enumerate() {
                count(insert_red_flag(tx, r).map_err(refused("red_flags", i, &r.flag))?);
            }
            for (i, h) in ex.habits.iter().enumerate() {
                count(insert_habit(tx, h.date, &h.habit).map_err(refused("habits", i, &h.habit))?);
            }
            for (i, r) in ex.plan_runs.iter().enumerate() {
                let created = r.started_on.and_hms_opt(0, 0, 0).expect("midnight exists");
                count(insert_run(tx, r, created, true).map_err(refused("plan_runs", i, &r.id))?);
            }
            for (i, c) in ex.checkins.iter().enumerate() {
                merge_checkin(tx, c).map_err(refused("checkins", i, &fmt_date(c.date)))?;
                s.checkins_merged += 1;
            }
            // Experiments run one at a time: a new one may not share dates
            // with one already in the diary.
            let mine = load_experiments(tx)?;
            for (i, e) in ex.experiments.iter().enumerate() {
                if let Some(other) = mine.iter().find(|m| m.id != e.id && m.overlaps(e)) {
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
                count(insert_experiment(tx, e, true).map_err(refused("experiments", i, &e.id))?);
            }
            Ok(s)
        })
    }
}

/// The tables whose records have ids, with what a person calls a record.
const ID_TABLES: [(&str, &str); 5] = [
    ("meals", "meal"),
    ("symptom_ratings", "symptom rating"),
    ("stools", "stool"),
    ("intakes", "intake"),
    ("plan_runs", "plan run"),
];

impl Store {
    /// An id names one record (`gutlog delete ID` looks in every table):
    /// refuses a record whose id a record of another kind already has.
    /// Read before the import takes the write lock.
    fn refuse_ids_of_other_kinds(&self, ex: &Exchange) -> StoreResult<()> {
        let file: [(&str, Vec<&str>); 5] = [
            ("meals", ex.meals.iter().map(|r| r.id.as_str()).collect()),
            (
                "symptoms",
                ex.symptoms.iter().map(|r| r.id.as_str()).collect(),
            ),
            ("stools", ex.stools.iter().map(|r| r.id.as_str()).collect()),
            (
                "intakes",
                ex.intakes.iter().map(|r| r.id.as_str()).collect(),
            ),
            (
                "plan_runs",
                ex.plan_runs.iter().map(|r| r.id.as_str()).collect(),
            ),
        ];
        if file.iter().all(|(_, ids)| ids.is_empty()) {
            return Ok(());
        }
        let mut taken = std::collections::HashMap::new();
        for (t, (table, _)) in ID_TABLES.iter().enumerate() {
            let mut stmt = self.conn.prepare(&format!("SELECT id FROM {table}"))?;
            for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
                taken.insert(id?, t);
            }
        }
        for (t, (kind, ids)) in file.iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                match taken.get(*id) {
                    Some(&other) if other != t => {
                        return Err(InputError::new(format!(
                            "{kind}[{i}] has the id '{id}', which a {} in the diary already has; \
                             give it another id or leave the id out; nothing was imported",
                            ID_TABLES[other].1
                        ))
                        .into())
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// Turns the database's refusal of one record (a CHECK, NOT NULL or
/// foreign-key failure) into an input error naming it; the transaction is
/// then rolled back, so nothing of the import is kept.
fn refused<'a>(kind: &'a str, i: usize, name: &'a str) -> impl Fn(StoreError) -> StoreError + 'a {
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
