//! Applying a merge's changes to the diary's tables, with the winners'
//! change times: one arm per kind of element (`apply_one`); check-in
//! fields are applied a date at a time.

use super::checkins::{checkin_on, merge_checkin};
use super::error::{StoreError, StoreResult};
use super::exchange::refused;
use super::experiments::insert_experiment;
use super::meals::{insert_meal, put_food_tags};
use super::profile::{profile_in, put_food_parts, put_profile};
use super::records::{
    insert_custom_symptom, insert_habit, insert_intake, insert_red_flag, insert_stool,
    insert_symptom,
};
use super::versions::{forget_ticks_of, forget_version, set_version};
use crate::domain::experiment::Experiment;
use crate::domain::time::{fmt_date, fmt_datetime};
use crate::domain::{CheckIn, Intake, Meal, RedFlagEntry, Stool, SymptomRating};
use crate::exchange::versions::{key, set_checkin_field, set_profile_field, RunHead};
use crate::exchange::Kind;
use crate::sync::merge::Change;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

fn decode<T: serde::de::DeserializeOwned>(c: &Change) -> StoreResult<T> {
    let v = c.value.as_deref().unwrap_or("null");
    serde_json::from_str(v).map_err(|e| {
        StoreError::Other(format!(
            "{}[{}] ('{}') cannot be read back ({e})",
            c.kind.section(),
            c.place,
            c.key
        ))
    })
}

/// Deletes the record `c` replaces or deletes (nothing when it only adds).
fn delete_by_id(conn: &Connection, table: &str, c: &Change) -> StoreResult<()> {
    if c.replaces || c.value.is_none() {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
            .execute([&c.key])?;
    }
    Ok(())
}

fn bad_key(c: &Change) -> StoreError {
    StoreError::Other(format!("{} has a bad key '{}'", c.kind.name(), c.key))
}

/// Applies changes in order (runs before their ticks), with their stamps.
pub(super) fn apply(tx: &Connection, changes: &[Change]) -> StoreResult<()> {
    let catalogue = crate::content::symptoms();
    let mut checkins: BTreeMap<NaiveDate, Vec<(&str, &Change)>> = BTreeMap::new();
    for c in changes {
        if c.kind == Kind::Checkins {
            let (date, field) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            checkins.entry(date).or_default().push((field, c));
            continue;
        }
        apply_one(tx, c, catalogue).map_err(refused(c.kind.section(), c.place, &c.key))?;
        match &c.stamp {
            Some(s) => set_version(tx, c.kind, &c.key, s, c.value.is_none())?,
            // Removed with no tombstone (an experiment that gave way to an
            // overlapping one): its change time goes too.
            None if c.value.is_none() => forget_version(tx, c.kind, &c.key)?,
            None => {}
        }
    }
    for (date, fields) in checkins {
        let mut ci = checkin_on(tx, date)?.unwrap_or_else(|| CheckIn::empty(date));
        for (field, c) in &fields {
            set_checkin_field(&mut ci, field, c.value.as_deref())?;
        }
        let (_, first) = fields[0];
        let named = refused("checkins", first.place, &first.key);
        ci.validate().map_err(StoreError::from).map_err(&named)?;
        tx.prepare_cached("DELETE FROM checkins WHERE date = ?1")?
            .execute([fmt_date(date)])?;
        if !ci.is_empty() {
            merge_checkin(tx, &ci).map_err(&named)?;
        }
        for (_, c) in fields {
            if let Some(s) = &c.stamp {
                set_version(tx, c.kind, &c.key, s, c.value.is_none())?;
            }
        }
    }
    Ok(())
}

fn apply_one(tx: &Connection, c: &Change, catalogue: &crate::content::Symptoms) -> StoreResult<()> {
    let live = c.value.is_some();
    match c.kind {
        Kind::Meals => {
            delete_by_id(tx, "meals", c)?;
            if live {
                insert_meal(tx, &decode::<Meal>(c)?, false)?;
            }
        }
        Kind::Symptoms => {
            delete_by_id(tx, "symptom_ratings", c)?;
            if live {
                let r: SymptomRating = decode(c)?;
                if catalogue.get(&r.symptom).is_none() {
                    insert_custom_symptom(tx, &r.symptom)?;
                }
                insert_symptom(tx, &r, false)?;
            }
        }
        Kind::Stools => {
            delete_by_id(tx, "stools", c)?;
            if live {
                insert_stool(tx, &decode::<Stool>(c)?, false)?;
            }
        }
        Kind::Intakes => {
            delete_by_id(tx, "intakes", c)?;
            if live {
                insert_intake(tx, &decode::<Intake>(c)?, false)?;
            }
        }
        Kind::PlanRuns => {
            if live {
                let h: RunHead = decode(c)?;
                let created = h
                    .created_at
                    .unwrap_or_else(|| h.started_on.and_hms_opt(0, 0, 0).expect("midnight exists"));
                tx.prepare_cached(
                    "INSERT INTO plan_runs (id, started_on, created_at, reflection) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (id) DO UPDATE SET started_on = excluded.started_on,
                        reflection = excluded.reflection, created_at = excluded.created_at",
                )?
                .execute(params![
                    h.id,
                    fmt_date(h.started_on),
                    fmt_datetime(created),
                    h.reflection
                ])?;
            } else {
                delete_by_id(tx, "plan_runs", c)?;
                forget_ticks_of(tx, &c.key)?;
            }
        }
        Kind::PlanTicks => {
            let (run, day) = key::split_tick(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                let at: NaiveDateTime = decode(c)?;
                tx.prepare_cached(
                    "INSERT INTO plan_ticks (run_id, day, done_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (run_id, day) DO UPDATE SET done_at = excluded.done_at",
                )?
                .execute(params![run, day, fmt_datetime(at)])?;
            } else {
                tx.prepare_cached("DELETE FROM plan_ticks WHERE run_id = ?1 AND day = ?2")?
                    .execute(params![run, day])?;
            }
        }
        Kind::RedFlags => {
            let (date, flag) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                insert_red_flag(
                    tx,
                    &RedFlagEntry {
                        date,
                        flag: flag.to_string(),
                    },
                )?;
            } else {
                tx.prepare_cached("DELETE FROM red_flags WHERE date = ?1 AND flag = ?2")?
                    .execute(params![fmt_date(date), flag])?;
            }
        }
        Kind::Habits => {
            let (date, habit) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            if live {
                insert_habit(tx, date, habit)?;
            } else {
                tx.prepare_cached("DELETE FROM habit_ticks WHERE date = ?1 AND habit = ?2")?
                    .execute(params![fmt_date(date), habit])?;
            }
        }
        Kind::FoodTags => {
            if live {
                put_food_tags(tx, &c.key, &decode::<Vec<String>>(c)?)?;
            } else {
                tx.prepare_cached("DELETE FROM food_tags WHERE food = ?1")?
                    .execute([&c.key])?;
            }
        }
        Kind::FoodParts => {
            if live {
                put_food_parts(tx, &c.key, &decode::<Vec<String>>(c)?)?;
            } else {
                tx.prepare_cached("DELETE FROM food_parts WHERE food = ?1")?
                    .execute([&c.key])?;
            }
        }
        Kind::Profile => {
            let mut p = profile_in(tx)?;
            set_profile_field(&mut p, &c.key, c.value.as_deref())?;
            put_profile(tx, &p)?;
        }
        Kind::Experiments => {
            // The whole experiment, pauses included, replaces the diary's.
            tx.prepare_cached("DELETE FROM experiment_pauses WHERE experiment_id = ?1")?
                .execute([&c.key])?;
            tx.prepare_cached("DELETE FROM experiments WHERE id = ?1")?
                .execute([&c.key])?;
            if live {
                insert_experiment(tx, &decode::<Experiment>(c)?, false)?;
            }
        }
        Kind::Checkins => unreachable!("check-in fields are applied per date"),
    }
    Ok(())
}
