//! Merging another diary's elements into this one (`gutlog import` and
//! `gutlog sync`): the merge is decided in `crate::sync::merge` and applied
//! here, in one transaction, with the winners' change times.

use super::checkins::{checkin_on, merge_checkin};
use super::error::{StoreError, StoreResult};
use super::exchange::{read_all, refused};
use super::meals::{insert_meal, put_food_tags};
use super::records::{
    insert_custom_symptom, insert_habit, insert_intake, insert_red_flag, insert_stool,
    insert_symptom,
};
use super::versions::{forget_ticks_of, set_version};
use super::Store;
use crate::domain::time::{fmt_date, fmt_datetime};
use crate::domain::{CheckIn, Intake, Meal, RedFlagEntry, Stool, SymptomRating};
use crate::exchange::versions::{key, set_checkin_field, RunHead};
use crate::exchange::{elements, Elements, Exchange, Kind};
use crate::sync::merge::{merge, Change, Mode, Tally};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    pub tally: Tally,
    /// Elements changed in the diary (and symptoms of the user's own added).
    pub changes: usize,
    /// The diary's new device id, when its own file held changes it did
    /// not have (another copy of the diary used its id).
    pub new_device: Option<String>,
}

/// The whole diary as read in one read transaction, with SQLite's
/// `data_version` then: a merge decided on it is applied only if no other
/// gutlog wrote since.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub exchange: Exchange,
    version: i64,
}

fn local_elements(ex: &Exchange) -> StoreResult<Elements> {
    elements(ex).map_err(|e| {
        StoreError::Other(format!(
            "the diary's change times do not fit its entries ({e}); run `gutlog check`"
        ))
    })
}

struct Plan {
    changes: Vec<Change>,
    tally: Tally,
    custom: Vec<String>,
    rotate: bool,
}

fn plan(
    local: &Exchange,
    remote: &Elements,
    custom: &[String],
    mode: Mode,
    own: Option<&Elements>,
) -> StoreResult<Plan> {
    let els = local_elements(local)?;
    // The own file is a past state of this diary, so it holds nothing
    // newer, unless another copy of the diary wrote it. (Two unstamped
    // versions that differ do not count: they come from before gutlog kept
    // change times, not from another copy.)
    let rotate = own.is_some_and(|o| !merge(&els, o, Mode::Import).0.is_empty());
    let (changes, tally) = merge(&els, remote, mode);
    let custom = custom
        .iter()
        .filter(|c| !local.custom_symptoms.contains(c))
        .cloned()
        .collect();
    Ok(Plan {
        changes,
        tally,
        custom,
        rotate,
    })
}

fn data_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

impl Store {
    /// Reads the whole diary in one read transaction (see `Snapshot`).
    pub fn snapshot(&self) -> StoreResult<Snapshot> {
        self.conn.execute_batch("BEGIN")?;
        let read = (|| {
            Ok::<_, StoreError>(Snapshot {
                version: data_version(&self.conn)?,
                exchange: read_all(&self.conn)?,
            })
        })();
        self.conn.execute_batch("COMMIT")?;
        read
    }

    /// Merges `remote` (and the user's own symptoms it names) into the
    /// diary in one transaction; nothing is written when nothing changes.
    /// `own` is what this diary's own file in a sync folder holds: if it
    /// holds anything the diary does not, another copy of the diary wrote
    /// it, and this diary takes a new device id. The merge is decided on
    /// `snapshot` (read now if None), without the write lock, and decided
    /// again under the lock only if another gutlog wrote in between.
    pub fn merge_in(
        &mut self,
        remote: &Elements,
        custom: &[String],
        mode: Mode,
        own: Option<&Elements>,
        snapshot: Option<&Snapshot>,
    ) -> StoreResult<MergeOutcome> {
        let read;
        let snap = match snapshot {
            Some(s) => s,
            None => {
                read = self.snapshot()?;
                &read
            }
        };
        let first = plan(&snap.exchange, remote, custom, mode, own)?;
        if first.changes.is_empty() && first.custom.is_empty() && !first.rotate {
            return Ok(MergeOutcome {
                tally: first.tally,
                ..MergeOutcome::default()
            });
        }
        let version = snap.version;
        self.write(|tx| {
            let p = if data_version(tx)? == version {
                first
            } else {
                plan(&read_all(tx)?, remote, custom, mode, own)?
            };
            for c in &p.custom {
                let i = custom.iter().position(|x| x == c).unwrap_or(0);
                insert_custom_symptom(tx, c).map_err(refused("custom_symptoms", i, c))?;
            }
            apply(tx, &p.changes)?;
            let new_device = if p.rotate {
                Some(Store::new_device_id(tx)?)
            } else {
                None
            };
            Ok(MergeOutcome {
                tally: p.tally,
                changes: p.changes.len() + p.custom.len(),
                new_device,
            })
        })
    }
}

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
fn apply(tx: &Connection, changes: &[Change]) -> StoreResult<()> {
    let catalogue = crate::content::symptoms();
    let mut checkins: BTreeMap<NaiveDate, Vec<(&str, &Change)>> = BTreeMap::new();
    for c in changes {
        if c.kind == Kind::Checkins {
            let (date, field) = key::split_dated(&c.key).ok_or_else(|| bad_key(c))?;
            checkins.entry(date).or_default().push((field, c));
            continue;
        }
        apply_one(tx, c, catalogue).map_err(refused(c.kind.section(), c.place, &c.key))?;
        if let Some(s) = &c.stamp {
            set_version(tx, c.kind, &c.key, s, c.value.is_none())?;
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
                let created = h.started_on.and_hms_opt(0, 0, 0).expect("midnight exists");
                tx.prepare_cached(
                    "INSERT INTO plan_runs (id, started_on, created_at, reflection) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (id) DO UPDATE SET started_on = excluded.started_on,
                        reflection = excluded.reflection",
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
        Kind::Checkins => unreachable!("check-in fields are applied per date"),
    }
    Ok(())
}
